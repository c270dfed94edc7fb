/**
 * A suggestion's score in words: each named term of the engine (README "Score"), what it rewarded
 * here and how much it added. The API sends the weighted terms; dividing by the policy's weight
 * gives the raw term in [0, 1], which says which phrase applies.
 */
import { EMPTY_FLOOR_COHORT, SCORE_TERMS, type ScoreTerm } from '../../../shared/placement';
import type { SuggestionDto } from '../../../shared/placementDto';
import type { AllocationWeights } from '../../../shared/policy';

export type TermPhrase =
  | 'phrase.unweighted'
  | 'phrase.distance.km'
  | 'phrase.distance.none'
  | 'phrase.openFirst.open'
  | 'phrase.openFirst.opens'
  | 'phrase.bestFit.exact'
  | 'phrase.bestFit.spare'
  | 'phrase.household.near'
  | 'phrase.household.oneRoom'
  | 'phrase.cohort.empty'
  | 'phrase.cohort.same'
  | 'phrase.cohort.other'
  | 'phrase.ceiling.under'
  | 'phrase.ceiling.over';

export interface TermDescription {
  term: ScoreTerm;
  /** What the term added to the score (already weighted). */
  value: number;
  phrase: TermPhrase;
  /** Placeholders of the phrase, raw: the view formats numbers for the locale. */
  params: { km?: number; used?: number; ceiling?: number };
}

const EPSILON = 1e-6;

function phraseOf(
  term: ScoreTerm,
  raw: number,
  s: SuggestionDto,
  ceiling: number,
): Pick<TermDescription, 'phrase' | 'params'> {
  switch (term) {
    case 'distance':
      return s.distanceKm === null
        ? { phrase: 'phrase.distance.none', params: {} }
        : { phrase: 'phrase.distance.km', params: { km: s.distanceKm } };
    case 'openFirst':
      return { phrase: raw > 0 ? 'phrase.openFirst.open' : 'phrase.openFirst.opens', params: {} };
    case 'bestFit':
      return raw >= 0.99
        ? { phrase: 'phrase.bestFit.exact', params: {} }
        : { phrase: 'phrase.bestFit.spare', params: { used: raw } };
    case 'householdProximity':
      return {
        phrase: s.rooms.length > 1 ? 'phrase.household.near' : 'phrase.household.oneRoom',
        params: {},
      };
    case 'cohort':
      return {
        phrase:
          Math.abs(raw - EMPTY_FLOOR_COHORT) < EPSILON
            ? 'phrase.cohort.empty'
            : raw > EMPTY_FLOOR_COHORT
              ? 'phrase.cohort.same'
              : 'phrase.cohort.other',
        params: {},
      };
    case 'utilizationCeiling':
      return {
        phrase: raw > 0 ? 'phrase.ceiling.under' : 'phrase.ceiling.over',
        params: { ceiling },
      };
  }
}

/** Every term, largest contribution first (ties in the engine's order). */
export function describeTerms(
  s: SuggestionDto,
  weights: AllocationWeights,
  ceiling: number,
): TermDescription[] {
  return SCORE_TERMS.map((term, order) => {
    const value = s.terms[term];
    const weight = weights[term];
    const described: TermDescription =
      weight > 0
        ? { term, value, ...phraseOf(term, value / weight, s, ceiling) }
        : { term, value, phrase: 'phrase.unweighted', params: {} };
    return { described, order };
  })
    .sort((a, b) => b.described.value - a.described.value || a.order - b.order)
    .map(({ described }) => described);
}
