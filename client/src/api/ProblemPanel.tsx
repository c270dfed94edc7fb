import { useMessages } from '../i18n/localeContext';
import type { ApiError } from './http';
import { NO_RESPONSE } from './http';
import { apiMessages } from './messages';
import { problemText } from './problemText';

interface Props {
  error: ApiError;
  onRetry?: () => void;
}

/**
 * Shows a failed request the way the API described it (title, detail, field errors) with a
 * Retry. The server writes its problems in English: they are shown as they are, marked as the
 * server's words (with `lang="en"`, so a screen reader reads them in English).
 */
export function ProblemPanel({ error, onRetry }: Props) {
  const t = useMessages(apiMessages);
  const text = problemText(t, error);
  const lang = text.fromServer ? 'en' : undefined;
  return (
    <div className="panel panel--error" role="alert">
      {text.fromServer && <p className="panel__label">{t('serverSays')}</p>}
      <h3 className="panel__title" lang={lang}>
        {text.title}
      </h3>
      {text.detail && (
        <p className="panel__text" lang={lang}>
          {text.detail}
        </p>
      )}
      {error.errors.length > 0 && (
        <ul className="panel__list" aria-label={t('fieldErrors')}>
          {error.errors.map((fieldError) => (
            <li key={`${fieldError.field}:${fieldError.type}`} lang="en">
              <span className="code">{fieldError.field}</span>: {fieldError.message}
            </li>
          ))}
        </ul>
      )}
      <p className="panel__meta">
        {error.status === NO_RESPONSE ? t('noResponse') : t('httpStatus', { status: error.status })}
        {error.requestId && (
          <>
            {' · '}
            {t('reference')} <span className="code">{error.requestId}</span>
          </>
        )}
      </p>
      {onRetry && (
        <button type="button" className="button button--primary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
