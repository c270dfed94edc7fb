import { useCallback, useState } from 'react';
import type { SiteDayDto } from '../../../shared/boardDto';
import type { RoomListDto, SiteDto } from '../../../shared/dto';
import type { AlertDto } from '../../../shared/placementDto';
import { ProblemPanel } from '../api/ProblemPanel';
import { dataOf, useApiGet } from '../api/useApiGet';
import { useAuth } from '../auth/authContext';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { AlertsPanel } from '../overview/AlertsPanel';
import { useRealtimeEvent } from '../realtime/realtimeContext';
import { ActionStatus } from './ActionStatus';
import { boardPaths } from './boardApi';
import { BOARD_STATES, STATE_ICONS } from './floors';
import { FloorGrid } from './FloorGrid';
import { boardMessages } from './messages';
import { RoomPanel } from './RoomPanel';
import { TodayLists } from './TodayLists';
import { useAction } from './useAction';
import type { JoinError } from '../../../shared/events';
import { useSiteFollow } from './useSiteFollow';
import './siteBoard.css';

/**
 * One site's rooms floor by floor, today's arrivals, releases and tests, and a panel per room
 * with its occupants and actions. Live: reloads on this site's `site.occupancy` and whenever the
 * server says messages may have been missed; after its own changes it reloads at once too.
 */

/** The server's refusal of `site.join`, in words. */
const JOIN_ERROR_KEYS = {
  'not found': 'joinNotFound',
  forbidden: 'joinForbidden',
  'invalid site id': 'joinInvalid',
} as const satisfies Record<JoinError, string>;

export function SiteBoardPage({ siteId }: { siteId: number }) {
  const t = useMessages(boardMessages);
  const f = useFormat();
  const { user } = useAuth();
  const role = user?.role ?? 'transport';
  const { refreshKey: liveKey, joinError } = useSiteFollow(siteId);
  const [ownChanges, setOwnChanges] = useState(0);
  const refreshKey = `${liveKey}:${ownChanges}`;
  const changed = useCallback(() => setOwnChanges((n) => n + 1), []);
  const action = useAction(changed);

  const site = useApiGet<SiteDto>(boardPaths.site(siteId));
  const rooms = useApiGet<RoomListDto>(boardPaths.rooms(siteId), refreshKey);
  const day = useApiGet<SiteDayDto>(boardPaths.today(siteId), refreshKey);
  const [openRoomId, setOpenRoomId] = useState<number | null>(null);
  // The site's own alerts (overdue cleaning, over its ceiling); transport may not read alerts.
  const [alertChanges, setAlertChanges] = useState(0);
  useRealtimeEvent('alert', () => setAlertChanges((n) => n + 1));
  const alerts = useApiGet<{ data: AlertDto[] }>(
    role === 'transport' ? null : '/api/alerts',
    `${refreshKey}:${alertChanges}`,
  );
  const alertData = dataOf(alerts.state);

  const siteData = dataOf(site.state);
  const roomList = dataOf(rooms.state);
  const dayData = dataOf(day.state);
  const openRoom = roomList?.data.find((r) => r.id === openRoomId) ?? null;
  const refreshing = rooms.state.status === 'loading' && roomList !== null;

  return (
    <section className="page site-board" aria-labelledby="board-heading">
      <div className="page-head">
        <div>
          <h2 id="board-heading" className="page-head__title">
            {siteData
              ? t('titleWithSite', { name: siteData.name, code: siteData.code })
              : t('title')}
          </h2>
          {roomList && (
            <p className="page-head__meta">
              <time dateTime={roomList.date}>
                {t('meta', { date: f.calendarDay(roomList.date) })}
              </time>
            </p>
          )}
        </div>
        <div className="page-head__actions">
          <span className="refresh-status" role="status">
            {refreshing ? t('refreshing') : ''}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => {
              rooms.reload();
              day.reload();
            }}
          >
            {t('refresh')}
          </button>
        </div>
      </div>

      {joinError && (
        <p className="notice notice--info">{t('join', { error: t(JOIN_ERROR_KEYS[joinError]) })}</p>
      )}
      {/* While a room is open its dialog shows the outcome; the empty line keeps the layout still. */}
      <ActionStatus outcome={openRoom ? null : action.outcome} />

      {day.state.status === 'error' ? (
        <ProblemPanel error={day.state.error} onRetry={day.reload} />
      ) : (
        dayData && <TodayLists day={dayData} role={role} action={action} />
      )}

      {role !== 'transport' && (
        <AlertsPanel
          title={t('siteAlerts')}
          alerts={alertData?.data.filter((a) => a.siteId === siteId) ?? null}
          error={alerts.state.status === 'error' ? alerts.state.error : null}
          onRetry={alerts.reload}
        />
      )}

      <ul className="legend" aria-label={t('legend')}>
        {BOARD_STATES.map((state) => (
          <li key={state} className={`legend__item tile--${state}`}>
            <span aria-hidden="true">{STATE_ICONS[state]}</span> {t(`state.${state}`)}
          </li>
        ))}
      </ul>

      {rooms.state.status === 'error' ? (
        <ProblemPanel error={rooms.state.error} onRetry={rooms.reload} />
      ) : !roomList ? (
        <div className="panel panel--loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('loading')}
        </div>
      ) : roomList.data.length === 0 ? (
        <div className="panel panel--empty">
          <h3 className="panel__title">{t('empty')}</h3>
          <p className="panel__text">{t('emptyText')}</p>
        </div>
      ) : (
        <FloorGrid
          rooms={roomList.data}
          onOpen={(room) => {
            action.forget();
            setOpenRoomId(room.id);
          }}
        />
      )}

      {openRoom && (
        <RoomPanel
          room={openRoom}
          role={role}
          refreshKey={refreshKey}
          action={action}
          onClose={() => setOpenRoomId(null)}
        />
      )}
    </section>
  );
}
