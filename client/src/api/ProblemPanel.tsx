import type { ApiError } from './http';
import { NO_RESPONSE } from './http';

interface Props {
  error: ApiError;
  onRetry: () => void;
}

/** Shows a failed request the way the API described it (title, detail, field errors) with a Retry. */
export function ProblemPanel({ error, onRetry }: Props) {
  return (
    <div className="panel panel--error" role="alert">
      <h3 className="panel__title">{error.title}</h3>
      {error.detail && <p className="panel__text">{error.detail}</p>}
      {error.errors.length > 0 && (
        <ul className="panel__list">
          {error.errors.map((fieldError) => (
            <li key={`${fieldError.field}:${fieldError.type}`}>
              <span className="code">{fieldError.field}</span>: {fieldError.message}
            </li>
          ))}
        </ul>
      )}
      <p className="panel__meta">
        {error.status === NO_RESPONSE ? 'No response' : `HTTP ${error.status}`}
        {error.requestId && (
          <>
            {' · Reference '}
            <span className="code">{error.requestId}</span>
          </>
        )}
      </p>
      <button type="button" className="button button--primary" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
