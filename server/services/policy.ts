/**
 * The policy in force is the newest `policies` row; a database without one runs on the defaults.
 * Changing it inserts a new version (history kept) with an audit event.
 */
import type { Transaction } from 'sequelize';
import { DEFAULT_POLICY, type PolicyDocument } from '../../shared/policy';
import type { AllocationPolicy } from '../allocation/types';
import { inTransaction } from '../db/transaction';
import { Policy } from '../models';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

export async function currentPolicy(transaction?: Transaction): Promise<PolicyDocument> {
  const row = await Policy.findOne({ order: [['id', 'DESC']], transaction });
  return row?.document ?? DEFAULT_POLICY;
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
