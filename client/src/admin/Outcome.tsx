import { ProblemPanel } from '../api/ProblemPanel';
import type { Action } from './useAction';

/**
 * Under a form or a list: what the last write did — the API's problem, or a confirmation.
 * `fieldLabels` (by the body's field name) let the problem name fields as the form does.
 */
export function Outcome({
  action,
  fieldLabels,
}: {
  action: Action;
  fieldLabels?: Readonly<Record<string, string>>;
}) {
  if (action.error) return <ProblemPanel error={action.error} fieldLabels={fieldLabels} />;
  if (action.done) {
    return (
      <p className="notice notice--info" role="status">
        {action.done}
      </p>
    );
  }
  return null;
}
