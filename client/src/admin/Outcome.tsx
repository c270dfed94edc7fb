import { ProblemPanel } from '../api/ProblemPanel';
import type { Action } from './useAction';

/** Under a form or a list: what the last write did — the API's problem, or a confirmation. */
export function Outcome({ action }: { action: Action }) {
  if (action.error) return <ProblemPanel error={action.error} />;
  if (action.done) {
    return (
      <p className="notice notice--info" role="status">
        {action.done}
      </p>
    );
  }
  return null;
}
