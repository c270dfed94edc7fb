/** Words for the engine's constraints and score terms, shared by the API's messages and the UI. */
import type { HardConstraint } from './enums';
import type { AllocationWeights } from './policy';

export const CONSTRAINT_EXPLANATIONS: Record<HardConstraint, string> = {
  siteStatus: 'the site is not open for intake (standby sites only when opening one is allowed)',
  siteCategory: 'the site does not accept this category',
  roomStatus: 'the room is being cleaned or is out of service',
  beds: 'the room has too few beds for the party',
  needs: 'the room is not accessible for a wheelchair user',
  nights: 'the room is booked, or inside its cleaning buffer, on some of those nights',
  floorCategory: 'the floor holds people of another category on those nights',
  householdFloor: 'no floor has a free room for every member of the household',
};

/** Raw cohort term of a floor nobody is on: between a matching and a mismatched cohort. */
export const EMPTY_FLOOR_COHORT = 0.5;

/** The score's named terms (README "Score"), in the engine's order. */
export const SCORE_TERMS = [
  'distance',
  'openFirst',
  'bestFit',
  'householdProximity',
  'cohort',
  'utilizationCeiling',
] as const satisfies ReadonlyArray<keyof AllocationWeights>;
export type ScoreTerm = (typeof SCORE_TERMS)[number];
