/**
 * A site's status: activate (standby, preparing or suspended → active), suspend (no new intake,
 * e.g. an infection found inside), close (refused while anyone is in it). The site row is locked
 * and the change audited; activating asks for a drain of the waiting list once it commits (the
 * drain runs in the background).
 */
import { CURRENT_STATUSES_SQL } from '../allocation/rules';
import { QueryTypes } from 'sequelize';
import type { SiteStatus } from '../../shared/enums';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { bumpOccupancyVersions } from '../placement/occupancyVersion';
import { conflict, notFound } from '../errors';
import { Site } from '../models';
import { requestDrainAfterCommit } from '../waitingList/drainRequest';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

const TRANSITIONS: Record<
  'activate' | 'suspend' | 'close',
  { from: SiteStatus[]; to: SiteStatus }
> = {
  activate: { from: ['preparing', 'standby', 'suspended'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  close: { from: ['preparing', 'active', 'standby', 'suspended'], to: 'closed' },
};

export async function changeSiteStatus(
  ctx: ServiceContext,
  siteId: number,
  action: keyof typeof TRANSITIONS,
  input: { reason?: string } = {},
): Promise<Site> {
  const { from, to } = TRANSITIONS[action];
  const site = await inTransaction(ctx.sequelize, async (transaction) => {
    const site = await Site.findByPk(siteId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!site) throw notFound(`Site ${siteId}`, 'siteId');
    if (!from.includes(site.status)) {
      throw conflict(
        { code: 'site.status', params: { site: site.code, status: site.status } },
        `Site ${site.code} is ${site.status}: cannot ${action}.`,
        [{ field: 'siteId', message: `site is ${site.status}`, type: 'site.status' }],
      );
    }
    if (action === 'close') {
      const [row] = await ctx.sequelize.query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM stays st JOIN rooms r ON r.id = st.roomId
         WHERE r.siteId = :siteId AND st.status IN ${CURRENT_STATUSES_SQL}`,
        { type: QueryTypes.SELECT, replacements: { siteId }, transaction },
      );
      const people = Number(row?.n ?? 0);
      if (people > 0) {
        throw conflict(
          { code: 'site.occupied', params: { site: site.code, people } },
          `Site ${site.code} still holds ${people} current or booked stay(s).`,
          [
            {
              field: 'siteId',
              message: `${people} people are in or booked into the site`,
              type: 'site.occupied',
            },
          ],
        );
      }
    }
    const before = { status: site.status };
    await site.update({ status: to }, { transaction });
    await recordAudit(transaction, ctx.actor, {
      entity: 'site',
      entityId: site.id,
      action,
      before,
      after: { status: to, ...(input.reason ? { reason: input.reason } : {}) },
    });
    // Status is part of what dashboards show with the totals: it gets a new version too.
    const sites = await bumpOccupancyVersions(transaction, [site.id]);
    emitAfterCommit(transaction, {
      name: 'site.changed',
      payload: { action, siteId: site.id, status: to, sites },
    });
    if (to === 'active') requestDrainAfterCommit(ctx, transaction);
    return site;
  });
  return site;
}
