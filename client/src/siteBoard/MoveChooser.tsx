import { useState } from 'react';
import type { BoardStayDto } from '../../../shared/boardDto';
import type { SuggestionDto, SuggestionListDto } from '../../../shared/placementDto';
import { apiMessages } from '../api/messages';
import { ProblemPanel } from '../api/ProblemPanel';
import { constraintText } from '../api/problemText';
import { useApiGet } from '../api/useApiGet';
import { useMessages } from '../i18n/localeContext';
import { placementMessages } from '../placement/messages';
import { SuggestionList } from '../placement/SuggestionList';
import { roomIdsOf } from '../placement/suggestionRooms';
import { boardPaths, moveParty } from './boardApi';
import { boardMessages } from './messages';
import { ReasonForm } from './ReasonForm';
import type { useAction } from './useAction';

interface Props {
  stay: BoardStayDto;
  action: ReturnType<typeof useAction>;
  onCancel: () => void;
}

/** The engine's rooms for moving the stay's party; picking one asks for the reason, then moves. */
export function MoveChooser({ stay, action, onCancel }: Props) {
  const t = useMessages(boardMessages);
  const tp = useMessages(placementMessages);
  const tApi = useMessages(apiMessages);
  const { state, reload } = useApiGet<SuggestionListDto>(boardPaths.moveSuggestions(stay.partyId));
  const [chosen, setChosen] = useState<SuggestionDto | null>(null);
  const title = t('moveTitle', { name: stay.person.fullName });

  return (
    <section className="move-chooser" aria-label={title}>
      <div className="move-chooser__head">
        <h4 className="move-chooser__title">{title}</h4>
        <button type="button" className="button button--small" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      {state.status === 'error' ? (
        <ProblemPanel error={state.error} onRetry={reload} />
      ) : state.status === 'loading' ? (
        <p className="panel--inline" role="status">
          <span className="spinner" aria-hidden="true" /> {t('moveLoading')}
        </p>
      ) : state.data.data.length === 0 ? (
        <p className="panel--inline">
          {t('moveNone', { reason: constraintText(tApi, state.data.constraint) })}
        </p>
      ) : chosen ? (
        <ReasonForm
          title={`${t('move')} → ${tp('rooms', {
            site: chosen.siteName,
            floor: chosen.floor,
            rooms: chosen.rooms.map((r) => r.number).join(', '),
          })}`}
          busy={action.running !== null}
          onCancel={() => setChosen(null)}
          onConfirm={async (reason) => {
            const ok = await action.run(`move:${stay.stayId}`, t('move'), () =>
              moveParty(stay.partyId, roomIdsOf(chosen), reason),
            );
            if (ok) onCancel();
          }}
        />
      ) : (
        <SuggestionList
          list={state.data}
          actionLabel={t('moveChoose')}
          busyIndex={null}
          onChoose={(s) => setChosen(s)}
        />
      )}
    </section>
  );
}
