import type { ApiError } from '../api/http';
import { ProblemPanel } from '../api/ProblemPanel';

/** Under a form: what the last write did — the API's problem, or a short confirmation. */
export function Outcome({ error, done }: { error: ApiError | null; done: string | null }) {
  if (error) return <ProblemPanel error={error} />;
  if (done) {
    return (
      <p className="notice notice--info" role="status">
        {done}
      </p>
    );
  }
  return null;
}
