import { useMessages } from '../i18n/localeContext';
import { authMessages } from './messages';

/** Shown while the app asks the server whether the browser still has a session. */
export function SessionCheck() {
  const t = useMessages(authMessages);
  return (
    <div className="session-check">
      <div className="panel panel--loading" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('checkingSession')}
      </div>
    </div>
  );
}
