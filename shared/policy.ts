/**
 * Policy: how long each category stays, on which days it is tested, and the global knobs of the
 * allocation (DESIGN §3, §5). The defaults here are what a new database starts with.
 */
import type { Category } from './enums';

export interface CategoryPolicy {
  quarantineDays: number;
  testDays: number[];
  /** Lower is served first on the waiting list. */
  priority: number;
}

export interface AllocationWeights {
  distance: number;
  openFirst: number;
  bestFit: number;
  householdProximity: number;
  cohort: number;
  utilizationCeiling: number;
}

export interface PolicyDocument {
  categories: Record<Category, CategoryPolicy>;
  cleaningHours: number;
  utilizationCeiling: number;
  oneCategoryPerFloor: boolean;
  weights: AllocationWeights;
  alerts: { cityFreeBedsBelow: number; waitingOverMinutes: number };
  timezone: string;
  /**
   * Days a site manager still sees the people who left one of their sites (need to know, issue
   * 16); 30 when a stored policy predates it.
   */
  retentionDays?: number;
}

export const DEFAULT_POLICY: PolicyDocument = {
  categories: {
    close_contact: { quarantineDays: 14, testDays: [1, 4, 7, 14], priority: 1 },
    secondary_contact: { quarantineDays: 7, testDays: [1, 7], priority: 3 },
    inbound_traveller: { quarantineDays: 14, testDays: [1, 4, 7, 14], priority: 2 },
    high_risk_arrival: { quarantineDays: 7, testDays: [1, 7], priority: 4 },
  },
  cleaningHours: 24,
  utilizationCeiling: 0.95,
  oneCategoryPerFloor: true,
  weights: {
    distance: 1,
    openFirst: 1,
    bestFit: 1,
    householdProximity: 1,
    cohort: 1,
    utilizationCeiling: 1,
  },
  alerts: { cityFreeBedsBelow: 200, waitingOverMinutes: 120 },
  timezone: 'Asia/Shanghai',
  retentionDays: 30,
};
