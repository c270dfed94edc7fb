/** Pure date rules of a stay (DESIGN §3): planned release and test days from policy. */
import { addDays, type IsoDate } from '../../shared/dates';
import type { Category } from '../../shared/enums';
import type { PolicyDocument } from '../../shared/policy';

/** Planned release = exposure (or arrival) date + the category's quarantine days. */
export function plannedRelease(policy: PolicyDocument, category: Category, exposure: IsoDate) {
  return addDays(exposure, policy.categories[category].quarantineDays);
}

/** A party stays together, so it is released when its last-exposed member is. */
export function partyRelease(
  policy: PolicyDocument,
  category: Category,
  exposures: readonly IsoDate[],
): IsoDate {
  const latest = [...exposures].sort().at(-1)!;
  return plannedRelease(policy, category, latest);
}

/**
 * Tests due during a stay: day N of quarantine is exposure + N (day 14 of a 14-day quarantine is
 * the release day, tested before leaving). Days that passed before the person arrived are tested
 * on arrival, once.
 */
export function testSchedule(
  policy: PolicyDocument,
  category: Category,
  exposure: IsoDate,
  entry: IsoDate,
  release: IsoDate,
): { day: number; dueDate: IsoDate }[] {
  const out: { day: number; dueDate: IsoDate }[] = [];
  for (const day of policy.categories[category].testDays) {
    const due = addDays(exposure, day);
    const dueDate = due < entry ? entry : due;
    if (dueDate > release) continue;
    if (out.some((t) => t.dueDate === dueDate)) continue;
    out.push({ day, dueDate });
  }
  return out;
}
