import type { SuggestionDto } from '../../shared/placementDto';
import type { Suggestion } from '../allocation/types';
import { EMPTY_FLOOR_COHORT } from '../allocation/score';

export interface SiteLabel {
  code: string;
  name: string;
  status: string;
}

/** The score's terms in words, strongest contribution first. */
export function explainSuggestion(s: Suggestion, ceiling: number): string[] {
  const pct = Math.round(ceiling * 100);
  const phrases: [number, string][] = [
    [
      s.terms.distance,
      s.distanceKm === null
        ? 'no origin given: distance not scored'
        : `${s.distanceKm} km from where the party is`,
    ],
    [
      s.terms.openFirst,
      s.terms.openFirst > 0
        ? 'fills a site and floor already open'
        : 'would open an empty site or floor',
    ],
    [
      s.terms.bestFit,
      s.terms.bestFit >= 0.99 ? 'rooms fit the party exactly' : 'leaves beds unused in the room',
    ],
    [
      s.terms.householdProximity,
      s.rooms.length > 1
        ? 'household in neighbouring rooms on one floor'
        : 'the party stays in one room',
    ],
    [
      s.terms.cohort,
      s.terms.cohort === EMPTY_FLOOR_COHORT
        ? 'nobody on the floor yet'
        : s.terms.cohort > EMPTY_FLOOR_COHORT
          ? 'floor entered within a few days of this party'
          : "floor's people entered at other times",
    ],
    [
      s.terms.utilizationCeiling,
      s.terms.utilizationCeiling > 0
        ? `site stays under its ${pct}% ceiling`
        : `site would pass its ${pct}% ceiling`,
    ],
  ];
  return phrases.sort((a, b) => b[0] - a[0]).map(([, text]) => text);
}

export function presentSuggestion(
  s: Suggestion,
  site: SiteLabel | undefined,
  ceiling: number,
): SuggestionDto {
  return {
    siteId: s.siteId,
    siteCode: site?.code ?? '',
    siteName: site?.name ?? '',
    floor: s.floor,
    rooms: s.rooms.map((r) => ({ roomId: r.roomId, number: r.number, members: r.members })),
    score: s.score,
    terms: s.terms,
    distanceKm: s.distanceKm,
    reasons: explainSuggestion(s, ceiling),
    opensStandbySite: site?.status === 'standby',
  };
}
