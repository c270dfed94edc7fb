/**
 * Appends an audit event inside the caller's transaction, so the record and the change commit
 * or roll back together. Personal fields never reach `before` / `after` (sanitised here).
 */
import type { Transaction } from 'sequelize';
import type { Actor } from '../context';
import { sanitize } from '../logging/sanitize';
import { AuditEvent } from '../models';

export interface AuditEntry {
  entity: string;
  entityId: string | number | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

const serialise = (value: unknown) =>
  value === undefined ? null : JSON.stringify(sanitize(value));

function auditRow(actor: Actor, entry: AuditEntry) {
  return {
    occurredAt: new Date(),
    actorUserId: actor.userId,
    requestId: actor.requestId,
    ip: actor.ip,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    action: entry.action,
    before: serialise(entry.before),
    after: serialise(entry.after),
  };
}

export async function recordAudit(
  transaction: Transaction,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await AuditEvent.create(auditRow(actor, entry), { transaction });
}

/** Several records at once (one statement), e.g. a batch of waiting entries expiring. */
export async function recordAudits(
  transaction: Transaction,
  actor: Actor,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length) {
    await AuditEvent.bulkCreate(
      entries.map((entry) => auditRow(actor, entry)),
      { transaction },
    );
  }
}
