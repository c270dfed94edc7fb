import { useState } from 'react';
import type { BoardStayDto } from '../../../shared/boardDto';
import type { IsoDate } from '../../../shared/dates';
import type { Role } from '../../../shared/enums';
import { useMessages } from '../i18n/localeContext';
import { cancelStay, checkIn, extendStay, release } from './boardApi';
import { boardMessages } from './messages';
import { MoveChooser } from './MoveChooser';
import { ReasonForm } from './ReasonForm';
import {
  canCancel,
  canCheckIn,
  canExtend,
  mayCareForSite,
  mayMove,
  releaseKind,
} from './stayRules';
import type { useAction } from './useAction';

interface Props {
  stay: BoardStayDto;
  today: IsoDate;
  role: Role;
  action: ReturnType<typeof useAction>;
  /** Offer move, extend and cancel (in the room panel; the day lists keep to check-in and release). */
  withMove?: boolean;
}

/** The buttons a stay allows this role today; an early release and a move ask for a reason. */
export function StayActions({ stay, today, role, action, withMove = false }: Props) {
  const t = useMessages(boardMessages);
  const [asking, setAsking] = useState<'early' | 'move' | 'extend' | 'cancel' | null>(null);
  const care = mayCareForSite(role);
  const kind = releaseKind(stay, today);
  const id = stay.stayId;
  const name = stay.person.fullName;
  const busy = action.running !== null;
  /** The changes that ask for a reason first (and an extension for its new date). */
  const reasonSteps = {
    early: {
      key: `release:${id}`,
      title: `${t('releaseEarly')}: ${name}`,
      what: `${t('releaseEarly')} ${name}`,
      dateAfter: undefined,
      write: (reason: string) => release(id, reason),
    },
    extend: {
      key: `extend:${id}`,
      title: t('extendTitle', { name }),
      what: `${t('extend')} ${name}`,
      dateAfter: stay.plannedReleaseDate,
      write: (reason: string, date: IsoDate | undefined) =>
        extendStay(id, date ?? stay.plannedReleaseDate, reason),
    },
    cancel: {
      key: `cancel:${id}`,
      title: t('cancelStayTitle', { name }),
      what: `${t('cancelStay')} ${name}`,
      dateAfter: undefined,
      write: (reason: string) => cancelStay(id, reason),
    },
  };
  const step = asking && asking !== 'move' ? reasonSteps[asking] : null;
  const button = (key: string, label: string, onClick: () => void, primary = false) => (
    <button
      type="button"
      className={`button button--small${primary ? ' button--primary' : ''}`}
      aria-disabled={busy}
      onClick={busy ? undefined : onClick}
    >
      {action.running === key && <span className="spinner" aria-hidden="true" />}
      {label}
      <span className="visually-hidden">: {name}</span>
    </button>
  );

  return (
    <div className="stay-actions">
      {care &&
        canCheckIn(stay, today) &&
        button(
          `check-in:${id}`,
          t('checkIn'),
          () => void action.run(`check-in:${id}`, `${t('checkIn')} ${name}`, () => checkIn(id)),
          true,
        )}
      {care &&
        kind === 'normal' &&
        button(
          `release:${id}`,
          t('release'),
          () => void action.run(`release:${id}`, `${t('release')} ${name}`, () => release(id)),
        )}
      {care &&
        kind === 'early' &&
        button(`early:${id}`, t('releaseEarly'), () => setAsking('early'))}
      {withMove && mayMove(role) && button(`move:${id}`, t('move'), () => setAsking('move'))}
      {withMove &&
        care &&
        canExtend(stay) &&
        button(`extend:${id}`, t('extend'), () => setAsking('extend'))}
      {withMove &&
        care &&
        canCancel(stay) &&
        button(`cancel:${id}`, t('cancelStay'), () => setAsking('cancel'))}
      {step && (
        <ReasonForm
          title={step.title}
          busy={busy}
          dateAfter={step.dateAfter}
          onCancel={() => setAsking(null)}
          onConfirm={async (reason, date) => {
            const ok = await action.run(step.key, step.what, () => step.write(reason, date));
            if (ok) setAsking(null);
          }}
        />
      )}
      {asking === 'move' && (
        <MoveChooser stay={stay} action={action} onCancel={() => setAsking(null)} />
      )}
    </div>
  );
}
