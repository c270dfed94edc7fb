/**
 * Who may see whom (DESIGN §4 rule 6, issue 16), in one place. Admins, officials and transport
 * coordinators see everyone. A site manager sees a party or person only when it:
 * - has a current stay at one of their sites, or
 * - had a stay there that ended within the retention window (policy `retentionDays`, 30), or
 * - was registered by a user of their sites and is not placed anywhere yet.
 * Everything else answers 404, exactly as if it did not exist (ApiRouter), and is left out of
 * their searches and lists.
 */
import { QueryTypes } from 'sequelize';
import { CURRENT_STATUSES_SQL } from '../allocation/rules';
import { addDays, dateInZone } from '../../shared/dates';
import { Stay } from '../models';
import { currentPolicy } from '../services/policy';

const DEFAULT_RETENTION_DAYS = 30;

/** A stay `st` of the target at one of `:sites`, current or ended since `:since` / `:sinceDay`. */
const STAY_AT_SITES = `SELECT 1 FROM stays st JOIN rooms r ON r.id = st.roomId
  WHERE r.siteId IN (:sites) AND (st.status IN ${CURRENT_STATUSES_SQL}
    OR st.endedAt >= :since OR st.releaseDate >= :sinceDay)`;

/** Parties registered by a user who manages one of `:sites`. */
const REGISTERED_AT_SITES = `SELECT pa.id FROM parties pa
  JOIN user_sites us ON us.userId = pa.registeredByUserId AND us.siteId IN (:sites)`;

async function window(now: Date) {
  const policy = await currentPolicy();
  const days = policy.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const since = new Date(now.getTime() - days * 86_400_000);
  return { since, sinceDay: addDays(dateInZone(now, policy.timezone), -days) };
}

/** Those of `ids` that `sql` (over `:ids`, `:sites`, `:since`, `:sinceDay`) keeps. */
function visibleAmong(sql: string) {
  return async (
    siteIds: readonly number[],
    ids: readonly number[],
    now: Date,
  ): Promise<Set<number>> => {
    if (ids.length === 0 || siteIds.length === 0) return new Set();
    const rows = await Stay.sequelize!.query<{ id: number }>(sql, {
      type: QueryTypes.SELECT,
      replacements: { ids: [...ids], sites: [...siteIds], ...(await window(now)) },
    });
    return new Set(rows.map((r) => Number(r.id)));
  };
}

/** Of these parties, those a manager of `siteIds` may see. */
export const partiesVisibleIn = visibleAmong(
  `SELECT p.id AS id FROM parties p WHERE p.id IN (:ids) AND (
     EXISTS (${STAY_AT_SITES} AND st.partyId = p.id)
     OR (p.id IN (${REGISTERED_AT_SITES})
       AND NOT EXISTS (SELECT 1 FROM stays cs
         WHERE cs.partyId = p.id AND cs.status IN ${CURRENT_STATUSES_SQL})))`,
);

/** Of these persons, those a manager of `siteIds` may see. */
export const personsVisibleIn = visibleAmong(
  `SELECT pe.id AS id FROM persons pe WHERE pe.id IN (:ids) AND (
     EXISTS (${STAY_AT_SITES} AND st.personId = pe.id)
     OR (NOT EXISTS (SELECT 1 FROM stays cs WHERE cs.activePersonId = pe.id)
       AND EXISTS (SELECT 1 FROM party_members pm
         WHERE pm.personId = pe.id AND pm.partyId IN (${REGISTERED_AT_SITES}))))`,
);
