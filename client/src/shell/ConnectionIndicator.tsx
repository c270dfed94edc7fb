import type { ConnectionStatus } from '../realtime/connection';
import { useRealtime } from '../realtime/realtimeContext';
import { useMessages } from '../i18n/localeContext';
import { shellMessages } from './messages';

const LABEL = {
  connecting: 'connectionConnecting',
  live: 'connectionLive',
  reconnecting: 'connectionReconnecting',
  offline: 'connectionOffline',
} as const;

const HINT = {
  connecting: 'connectionHintConnecting',
  live: 'connectionHintLive',
  reconnecting: 'connectionHintReconnecting',
  offline: 'connectionHintOffline',
} as const;

/**
 * Live / reconnecting / offline, told by a word and a shape (a dot, turning arrows, a struck-out
 * circle), so it reads without colour. A polite live region announces changes.
 */
export function ConnectionIndicator() {
  const { status } = useRealtime();
  const t = useMessages(shellMessages);
  return (
    <p
      className={`connection connection--${status}`}
      role="status"
      title={t(HINT[status])}
      data-status={status}
    >
      <ConnectionIcon status={status} />
      <span className="visually-hidden">{t('connectionLabel')}: </span>
      <span className="connection__label">{t(LABEL[status])}</span>
    </p>
  );
}

function ConnectionIcon({ status }: { status: ConnectionStatus }) {
  return (
    <svg className="connection__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {status === 'live' && <circle cx="8" cy="8" r="5" fill="currentColor" />}
      {(status === 'connecting' || status === 'reconnecting') && (
        <path
          d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v3h-3"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
        />
      )}
      {status === 'offline' && (
        <g fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
          <circle cx="8" cy="8" r="5.5" />
          <path d="M4 12 12 4" />
        </g>
      )}
    </svg>
  );
}
