import { useId, useState } from 'react';
import type { PartyDto } from '../../../shared/dto';
import type {
  PlacementDto,
  QueuedDto,
  SuggestionDto,
  SuggestionListDto,
} from '../../../shared/placementDto';
import type { ApiError } from '../api/http';
import { ProblemPanel } from '../api/ProblemPanel';
import { useApiGet } from '../api/useApiGet';
import { toApiError } from '../api/http';
import { apiMessages } from '../api/messages';
import { constraintText, fieldErrorLine, problemText, waitingReasonText } from '../api/problemText';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { placementMessages } from './messages';
import { placeParty, suggestionsPath } from './placementApi';
import { SuggestionList } from './SuggestionList';
import { roomIdsOf } from './suggestionRooms';

type Outcome =
  | { kind: 'placed'; placement: PlacementDto; where: string }
  | { kind: 'queued'; queued: QueuedDto }
  | { kind: 'refused'; error: ApiError };

/** Sentinel for "best room" in `busyIndex` terms: no suggestion row is busy, the main button is. */
const BEST = -1;

/** A registered party: its suggested rooms explained, and placing it in the best or a chosen one. */
export function PlacementResult({ party, onNext }: { party: PartyDto; onNext: () => void }) {
  const t = useMessages(placementMessages);
  const tApi = useMessages(apiMessages);
  const f = useFormat();
  const [allowStandby, setAllowStandby] = useState(false);
  const standbyHint = useId();
  const { state, reload } = useApiGet<SuggestionListDto>(suggestionsPath(party.id, allowStandby));
  const [busy, setBusy] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function place(index: number, suggestion?: SuggestionDto) {
    setBusy(index);
    setOutcome(null);
    try {
      const result = await placeParty(party.id, {
        roomIds: suggestion ? roomIdsOf(suggestion) : undefined,
        allowStandby,
      });
      if (result.outcome === 'queued') {
        setOutcome({ kind: 'queued', queued: result });
      } else {
        const list = state.status === 'ready' ? state.data.data : [];
        const site = list.find((s) => s.siteId === result.siteId);
        setOutcome({
          kind: 'placed',
          placement: result,
          where: site?.siteName ?? `#${result.siteId}`,
        });
      }
    } catch (error) {
      setOutcome({ kind: 'refused', error: toApiError(error) });
      reload();
    } finally {
      setBusy(null);
    }
  }

  const done = outcome !== null && outcome.kind !== 'refused';

  return (
    <section className="placement-result" aria-labelledby="suggestions-heading">
      <p className="notice notice--info" role="status">
        {t('created', { id: party.id, count: f.count(party.members.length) })}
      </p>
      {outcome && <OutcomeNotice outcome={outcome} />}
      {done ? (
        <button type="button" className="button button--primary" onClick={onNext}>
          {t('another')}
        </button>
      ) : (
        <>
          <div className="placement-result__head">
            <h3 id="suggestions-heading" className="placement-result__title">
              {t('suggestions')}
            </h3>
            {state.status === 'ready' && (
              <p className="page-head__meta">
                {t('suggestionsFor', {
                  entry: f.shortDay(state.data.entryDate),
                  release: f.shortDay(state.data.releaseDate),
                })}
              </p>
            )}
            <button
              type="button"
              className="button button--primary"
              aria-disabled={busy !== null}
              onClick={busy === null ? () => void place(BEST) : undefined}
            >
              {busy === BEST && <span className="spinner spinner--on-brand" aria-hidden="true" />}
              {busy === BEST ? t('placing') : t('placeBest')}
            </button>
          </div>
          <label className="needs__option">
            <input
              type="checkbox"
              checked={allowStandby}
              aria-describedby={standbyHint}
              onChange={(e) => setAllowStandby(e.target.checked)}
            />
            {t('allowStandby')}
          </label>
          <p id={standbyHint} className="form-field__hint">
            {t('allowStandbyHint')}
          </p>
          {state.status === 'error' ? (
            <ProblemPanel error={state.error} onRetry={reload} />
          ) : state.status === 'loading' ? (
            <div className="panel panel--loading" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('suggestionsLoading')}
            </div>
          ) : state.data.data.length === 0 ? (
            <div className="panel panel--empty">
              <h4 className="panel__title">
                {t('noSuggestions', { reason: constraintText(tApi, state.data.constraint) })}
              </h4>
              <p className="panel__text">{t('noSuggestionsText')}</p>
            </div>
          ) : (
            <SuggestionList
              list={state.data}
              actionLabel={t('placeHere')}
              busyIndex={busy === BEST ? null : busy}
              onChoose={(s, index) => void place(index, s)}
            />
          )}
        </>
      )}
    </section>
  );
}

function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  const t = useMessages(placementMessages);
  const tApi = useMessages(apiMessages);
  const f = useFormat();
  switch (outcome.kind) {
    case 'placed': {
      const { placement, where } = outcome;
      return (
        <div className="notice notice--success" role="status">
          <p className="notice__title">
            ✓{' '}
            {t('placed', {
              site: where,
              rooms: [...new Set(placement.stays.map((s) => s.roomNumber))].join(', '),
              entry: f.shortDay(placement.stays[0]?.entryDate ?? ''),
            })}
          </p>
        </div>
      );
    }
    case 'queued':
      return (
        <div className="notice notice--info" role="status">
          <p className="notice__title">
            ⏳ {t('queued', { position: f.count(outcome.queued.position) })}
          </p>
          <p className="notice__text">
            {t('queuedReason', { reason: waitingReasonText(tApi, outcome.queued) })}
          </p>
        </div>
      );
    case 'refused': {
      const text = problemText(tApi, outcome.error);
      return (
        <div className="notice notice--error" role="alert">
          <p className="notice__title" lang={text.fromServer ? 'en' : undefined}>
            ✕ {t('conflict', { detail: text.detail ?? text.title })}
          </p>
          {outcome.error.errors.map((e) => {
            const line = fieldErrorLine(tApi, e);
            return (
              <p
                key={`${e.field}:${e.type}`}
                className="notice__text"
                lang={line.fromServer ? 'en' : undefined}
              >
                {line.reason}
              </p>
            );
          })}
        </div>
      );
    }
  }
}
