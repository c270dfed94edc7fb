/** When a site counts as near full, and how full a utilization bar looks. */
import type { Occupancy } from '../../../shared/dto';
import { DEFAULT_POLICY } from '../../../shared/policy';

/**
 * Utilization at or above the policy's ceiling (default 95%) marks a site as near full. The
 * client does not load the policy yet, so it uses the default ceiling.
 */
export const NEAR_FULL_AT = DEFAULT_POLICY.utilizationCeiling;

/** Display only: from here the bar turns amber, a hint before the ceiling is reached. */
const BUSY_AT = 0.8;

export type UtilizationLevel = 'normal' | 'busy' | 'near-full';

export function isNearFull(occupancy: Occupancy): boolean {
  return occupancy.beds > 0 && occupancy.utilization >= NEAR_FULL_AT;
}

export function utilizationLevel(ratio: number): UtilizationLevel {
  if (ratio >= NEAR_FULL_AT) return 'near-full';
  if (ratio >= BUSY_AT) return 'busy';
  return 'normal';
}
