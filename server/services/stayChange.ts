/**
 * How every change to existing stays ends, inside its transaction (check-in, release, cancel,
 * extend, move): the audit record, then the occupancy version of each site it touched (the row
 * every change to a site's rooms or stays writes, DESIGN §6: last, so that row is held briefly),
 * then `stay.changed`, heard only once the transaction commits.
 */
import type { Transaction } from 'sequelize';
import type { StayStatus } from '../../shared/enums';
import type { StayAction } from '../../shared/events';
import type { Stay } from '../models';
import { emitAfterCommit } from '../events/bus';
import { bumpOccupancyVersions } from '../placement/occupancyVersion';
import { recordAudit, type AuditEntry } from './audit';
import type { ServiceContext } from './context';

export interface StayChange {
  action: StayAction;
  partyId: number;
  /** Every stay the change ended, changed or created. */
  stayIds: number[];
  /** The status the change left the stays in (a move: the new stays'). */
  status: StayStatus;
  /** Sites whose rooms it touched. */
  siteIds: number[];
  /** The audit record (entity, action, before and after). */
  audit: AuditEntry;
}

export async function finishStayChange(
  ctx: ServiceContext,
  transaction: Transaction,
  change: StayChange,
): Promise<void> {
  await recordAudit(transaction, ctx.actor, change.audit);
  const sites = await bumpOccupancyVersions(transaction, change.siteIds);
  emitAfterCommit(transaction, {
    name: 'stay.changed',
    payload: {
      action: change.action,
      partyId: change.partyId,
      stayIds: change.stayIds,
      status: change.status,
      sites,
    },
  });
}

/** The ending of a change to one stay, audited on the stay (as `auditAction`, default `action`). */
export function finishOneStayChange(
  ctx: ServiceContext,
  transaction: Transaction,
  change: {
    stay: Pick<Stay, 'id' | 'partyId' | 'status'>;
    siteId: number;
    action: StayAction;
    auditAction?: string;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  const { stay, action } = change;
  return finishStayChange(ctx, transaction, {
    action,
    partyId: stay.partyId,
    stayIds: [stay.id],
    status: stay.status,
    siteIds: [change.siteId],
    audit: {
      entity: 'stay',
      entityId: stay.id,
      action: change.auditAction ?? action,
      before: change.before,
      after: change.after,
    },
  });
}
