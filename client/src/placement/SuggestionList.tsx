import type { SuggestionDto, SuggestionListDto } from '../../../shared/placementDto';
import { DEFAULT_POLICY, type PolicyDocument } from '../../../shared/policy';
import { dataOf, useApiGet } from '../api/useApiGet';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { placementMessages } from './messages';
import { describeTerms, type TermDescription } from './scoreTerms';
import './placement.css';

interface Props {
  list: SuggestionListDto;
  actionLabel: string;
  /** The suggestion being acted on, if any: its button says so and the others wait. */
  busyIndex: number | null;
  onChoose: (suggestion: SuggestionDto, index: number) => void;
}

/** Points are the score × 100, so whole numbers carry it in every locale. */
const points = (value: number) => Math.round(value * 100);

/**
 * Suggested rooms, best first, each with its score taken apart term by term in words. Used by
 * placement and by the board's move.
 */
export function SuggestionList({ list, actionLabel, busyIndex, onChoose }: Props) {
  const t = useMessages(placementMessages);
  const f = useFormat();
  // The weights turn the API's weighted terms back into what each rewarded; if the policy cannot
  // be read the defaults still give the right words for the usual weights of 1.
  const { state } = useApiGet<PolicyDocument>('/api/policy');
  const policy = dataOf(state) ?? DEFAULT_POLICY;

  const phrase = (d: TermDescription) =>
    t(d.phrase, {
      km: f.count(d.params.km ?? 0),
      used: f.wholePercent(d.params.used ?? 0),
      ceiling: f.wholePercent(d.params.ceiling ?? 0),
    });

  return (
    <ol className="suggestions">
      {list.data.map((s, index) => {
        const described = describeTerms(s, policy.weights, policy.utilizationCeiling);
        const headingId = `suggestion-${s.siteId}-${s.rooms.map((r) => r.roomId).join('-')}`;
        return (
          <li key={headingId} className="suggestion" aria-labelledby={headingId}>
            <div className="suggestion__head">
              <h4 id={headingId} className="suggestion__title">
                <span className="suggestion__rank">{t('rank', { rank: index + 1 })}</span>
                {t('rooms', {
                  site: s.siteName || s.siteCode,
                  floor: s.floor,
                  rooms: s.rooms.map((r) => r.number).join(', '),
                })}
              </h4>
              <span className="suggestion__score">
                {t('score', { score: f.count(points(s.score)) })}
              </span>
            </div>
            {s.opensStandbySite && <p className="suggestion__warning">⚠ {t('opensStandby')}</p>}
            <p className="suggestion__why">{t('whyTitle')}</p>
            <ul className="terms">
              {described.map((d) => (
                <li key={d.term} className="terms__row">
                  <span className="terms__name">{t(`term.${d.term}`)}</span>
                  <span className="terms__value">
                    {t('termValue', { value: f.count(points(d.value)) })}
                  </span>
                  <span className="terms__phrase">{phrase(d)}</span>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button button--primary"
              aria-disabled={busyIndex !== null}
              onClick={busyIndex === null ? () => onChoose(s, index) : undefined}
            >
              {busyIndex === index && (
                <span className="spinner spinner--on-brand" aria-hidden="true" />
              )}
              {actionLabel}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
