/**
 * Soft objectives of DESIGN §5 as named terms. Each raw term is in [0, 1]; the policy's weight
 * multiplies it; the score is the sum of the weighted terms, rounded so they add up exactly.
 */
import { daysBetween, type IsoDate } from '../../shared/dates';
import { EMPTY_FLOOR_COHORT } from '../../shared/placement';
import type { AllocationWeights } from '../../shared/policy';
import { SCORE_TERMS, type ScoreTerms } from './types';

/** Distance at which the distance term halves. */
export const DISTANCE_HALF_KM = 10;
/** Entry dates further apart than this are a different cohort. */
export const COHORT_WINDOW_DAYS = 7;
// Defined in shared/ so the dashboard can tell an empty floor from a cohort match in words.
export { EMPTY_FLOOR_COHORT } from '../../shared/placement';

export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function distanceTerm(km: number | null): number {
  return km === null ? 0 : 1 / (1 + km / DISTANCE_HALF_KM);
}

/** Fill sites and floors already open before opening new ones. */
export function openFirstTerm(
  siteActive: boolean,
  siteHasPeople: boolean,
  floorHasPeople: boolean,
) {
  if (!siteActive) return 0;
  return 0.5 * Number(siteHasPeople) + 0.5 * Number(floorHasPeople);
}

/** Beds used over beds taken: a single in a single is 1, a single in a family room of 4 is 0.25. */
export function bestFitTerm(units: ReadonlyArray<{ size: number; beds: number }>): number {
  if (units.length === 0) return 0;
  return units.reduce((sum, u) => sum + u.size / u.beds, 0) / units.length;
}

/** Household members side by side is 1; every room between them lowers it. */
export function householdProximityTerm(roomCount: number, positionSpan: number): number {
  if (roomCount <= 1) return 1;
  const gaps = Math.max(0, positionSpan - (roomCount - 1));
  return 1 / (1 + gaps);
}

/** Prefer floors whose people entered within a few days of this party (their mean distance). */
export function cohortTerm(entry: IsoDate, floorEntries: readonly IsoDate[]): number {
  if (floorEntries.length === 0) return EMPTY_FLOOR_COHORT;
  const mean = floorEntries.reduce((s, d) => s + daysBetween(entry, d), 0) / floorEntries.length;
  return 1 - Math.min(Math.abs(mean), COHORT_WINDOW_DAYS) / COHORT_WINDOW_DAYS;
}

/** 1 while the site stays at or under its ceiling after this placement, else 0. */
export function utilizationTerm(occupiedAfter: number, beds: number, ceiling: number): number {
  if (beds <= 0) return 0;
  return occupiedAfter / beds <= ceiling ? 1 : 0;
}

export function weighTerms(
  raw: ScoreTerms,
  weights: AllocationWeights,
): { terms: ScoreTerms; score: number } {
  const terms = {} as ScoreTerms;
  let score = 0;
  for (const name of SCORE_TERMS) {
    terms[name] = round4(raw[name] * weights[name]);
    score += terms[name];
  }
  return { terms, score: round4(score) };
}

/** The score `weighTerms` gives, same sums in the same order, without building the terms. */
export function weighedScore(raw: ScoreTerms, weights: AllocationWeights): number {
  let score = 0;
  for (const name of SCORE_TERMS) score += round4(raw[name] * weights[name]);
  return round4(score);
}
