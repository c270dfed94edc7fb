import { useMessages } from '../i18n/localeContext';
import { boardMessages } from './messages';
import type { ActionOutcome } from './useAction';

/** How the last change went: a quiet status when it worked, an alert naming the problem if not. */
export function ActionStatus({ outcome }: { outcome: ActionOutcome | null }) {
  const t = useMessages(boardMessages);
  if (!outcome) return <p className="action-status" role="status" />;
  if (outcome.ok) {
    return (
      <p className="action-status action-status--ok" role="status">
        ✓ {t('done', { what: outcome.what })}
      </p>
    );
  }
  const { error } = outcome;
  return (
    <div className="action-status action-status--error" role="alert">
      <p>
        ✕ {outcome.what} — {t('failed', { title: error.title })}
      </p>
      {error.detail && <p>{error.detail}</p>}
      {error.errors.map((e) => (
        <p key={`${e.field}:${e.type}`}>{e.message}</p>
      ))}
    </div>
  );
}
