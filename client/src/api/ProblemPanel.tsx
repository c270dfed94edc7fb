import { useMessages } from '../i18n/localeContext';
import type { ApiError } from './http';
import { NO_RESPONSE } from './http';
import { apiMessages } from './messages';
import { fieldErrorLine, problemText } from './problemText';

interface Props {
  error: ApiError;
  onRetry?: () => void;
  /** Labels of the form's fields by API name (`body.code`), so errors name them as the form does. */
  fieldLabels?: Readonly<Record<string, string>>;
}

/**
 * Shows a failed request (title, detail, field errors) in the user's language, with a Retry.
 * Only what the dashboard has no words for yet (a new refusal code or field reason) is shown in
 * the server's English, labelled as such and marked `lang="en"` for screen readers.
 */
export function ProblemPanel({ error, onRetry, fieldLabels }: Props) {
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
          {error.errors.map((fieldError) => {
            const line = fieldErrorLine(t, fieldError, fieldLabels?.[fieldError.field]);
            return (
              <li
                key={`${fieldError.field}:${fieldError.type}`}
                lang={line.fromServer ? 'en' : undefined}
              >
                {line.reason}
              </li>
            );
          })}
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
