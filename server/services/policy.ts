/**
 * The policy in force is the newest `policies` row; a database without one runs on the defaults.
 * Changing it inserts a new version (history kept) with an audit event.
 */
import type { Transaction } from 'sequelize';
import { DEFAULT_POLICY, type PolicyDocument } from '../../shared/policy';
import type { AllocationPolicy } from '../allocation/types';
import { StatementBatch } from '../db/statementBatch';
import { inTransaction } from '../db/transaction';
import { Policy } from '../models';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

/** Adds the read of the policy in force to a batch; the returned function reads its result. */
export function queuePolicyRead(batch: StatementBatch): () => PolicyDocument {
  const rows = batch.select<{ document: string | null }>(
    'SELECT document FROM policies ORDER BY id DESC LIMIT 1',
  );
  return () => {
    const document = rows.value[0]?.document;
    return (document ? (JSON.parse(document) as PolicyDocument | null) : null) ?? DEFAULT_POLICY;
  };
}

export async function currentPolicy(transaction?: Transaction): Promise<PolicyDocument> {
  const batch = new StatementBatch(Policy.sequelize!);
  const read = queuePolicyRead(batch);
  await batch.run(transaction);
  return read();
}

/** Whole nights a room is blocked after a stay: 24 h of cleaning is one night. */
export function cleaningNights(policy: PolicyDocument): number {
  return Math.ceil(policy.cleaningHours / 24);
}

export function allocationPolicy(policy: PolicyDocument): AllocationPolicy {
  return {
    cleaningNights: cleaningNights(policy),
    utilizationCeiling: policy.utilizationCeiling,
    oneCategoryPerFloor: policy.oneCategoryPerFloor,
    weights: policy.weights,
  };
}

export async function updatePolicy(
  ctx: ServiceContext,
  document: PolicyDocument,
): Promise<PolicyDocument> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const before = await currentPolicy(transaction);
    const row = await Policy.create(
      { document, createdByUserId: ctx.actor.userId },
      { transaction },
    );
    await recordAudit(transaction, ctx.actor, {
      entity: 'policy',
      entityId: row.id,
      action: 'update',
      before,
      after: document,
    });
    return row.document;
  });
}
