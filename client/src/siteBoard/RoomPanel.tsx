import { useEffect, useRef, useState } from 'react';
import type { RoomStaysDto } from '../../../shared/boardDto';
import type { RoomWithOccupancyDto } from '../../../shared/dto';
import type { Role } from '../../../shared/enums';
import { ProblemPanel } from '../api/ProblemPanel';
import { dataOf, useApiGet } from '../api/useApiGet';
import { useMessages } from '../i18n/localeContext';
import { ActionStatus } from './ActionStatus';
import { boardPaths, changeRoomStatus } from './boardApi';
import { STATE_ICONS } from './floors';
import { boardMessages, type BoardMessageKey } from './messages';
import { ReasonForm } from './ReasonForm';
import { StayCard } from './StayCard';
import { mayCareForSite, roomAction, type RoomAction } from './stayRules';
import type { useAction } from './useAction';

interface Props {
  room: RoomWithOccupancyDto;
  role: Role;
  refreshKey: string;
  action: ReturnType<typeof useAction>;
  onClose: () => void;
}

const ACTION_LABELS: Record<RoomAction, BoardMessageKey> = {
  cleaned: 'markCleaned',
  'out-of-service': 'outOfService',
  'back-in-service': 'backInService',
};

/**
 * A room opened from the board, as a modal dialog (focus moves in, Escape closes, focus returns
 * to the tile): its occupants with their stays and tests, and what can be done to it.
 */
export function RoomPanel({ room, role, refreshKey, action, onClose }: Props) {
  const t = useMessages(boardMessages);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [askingReason, setAskingReason] = useState(false);
  const { state, reload } = useApiGet<RoomStaysDto>(
    boardPaths.roomStays(room.siteId, room.id),
    refreshKey,
  );
  const stays = dataOf(state);
  const available = mayCareForSite(role) ? roomAction(room) : null;
  const busy = action.running !== null;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const change = (which: RoomAction, reason?: string) =>
    action.run(
      `room:${which}`,
      `${t(ACTION_LABELS[which])} ${t('room', { number: room.number })}`,
      () => changeRoomStatus(room.siteId, room.id, which, reason),
    );

  return (
    <dialog
      ref={dialogRef}
      className="room-panel"
      aria-labelledby="room-panel-title"
      onClose={onClose}
    >
      <div className="room-panel__head">
        <h3 id="room-panel-title" className="room-panel__title">
          {t('panelTitle', { number: room.number, floor: room.floor })}
        </h3>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <p className={`room-panel__state tile--${room.state}`}>
        <span aria-hidden="true">{STATE_ICONS[room.state]}</span> {t(`state.${room.state}`)} ·{' '}
        {t('beds', { occupants: room.occupants, beds: room.beds })}
        {room.accessible && ` · ${t('accessible')}`}
        {room.family && ` · ${t('family')}`}
      </p>
      <ActionStatus outcome={action.outcome} />
      {available && !askingReason && (
        <button
          type="button"
          className="button"
          aria-disabled={busy}
          onClick={
            busy
              ? undefined
              : () =>
                  available === 'out-of-service' ? setAskingReason(true) : void change(available)
          }
        >
          {t(ACTION_LABELS[available])}
        </button>
      )}
      {askingReason && (
        <ReasonForm
          title={t('outOfService')}
          busy={busy}
          onCancel={() => setAskingReason(false)}
          onConfirm={async (reason) => {
            if (await change('out-of-service', reason)) setAskingReason(false);
          }}
        />
      )}
      {state.status === 'error' ? (
        <ProblemPanel error={state.error} onRetry={reload} />
      ) : !stays ? (
        <p className="panel--inline" role="status">
          <span className="spinner" aria-hidden="true" /> {t('occupantsLoading')}
        </p>
      ) : stays.data.length === 0 ? (
        <p className="panel--inline">{t('noOccupants')}</p>
      ) : (
        <ul className="stay-cards">
          {stays.data.map((stay) => (
            <StayCard
              key={stay.stayId}
              stay={stay}
              today={stays.date}
              role={role}
              action={action}
            />
          ))}
        </ul>
      )}
    </dialog>
  );
}
