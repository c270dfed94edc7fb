import { apiMessages } from '../api/messages';
import { fieldErrorLine, problemText } from '../api/problemText';
import { useMessages } from '../i18n/localeContext';
import { boardMessages } from './messages';
import type { ActionOutcome } from './useAction';

/** How the last change went: a quiet status when it worked, an alert naming the problem if not. */
export function ActionStatus({ outcome }: { outcome: ActionOutcome | null }) {
  const t = useMessages(boardMessages);
  const tApi = useMessages(apiMessages);
  if (!outcome) return <p className="action-status" role="status" />;
  if (outcome.ok) {
    return (
      <p className="action-status action-status--ok" role="status">
        ✓ {t('done', { what: outcome.what })}
      </p>
    );
  }
  const { error } = outcome;
  const text = problemText(tApi, error);
  return (
    <div className="action-status action-status--error" role="alert">
      <p>
        ✕ {outcome.what} — {t('failed', { title: text.title })}
      </p>
      {text.detail && <p lang={text.fromServer ? 'en' : undefined}>{text.detail}</p>}
      {error.errors.map((e) => {
        const line = fieldErrorLine(tApi, e);
        return (
          <p key={`${e.field}:${e.type}`} lang={line.fromServer ? 'en' : undefined}>
            {line.reason}
          </p>
        );
      })}
    </div>
  );
}
