/**
 * The policy in force is the newest `policies` row; a database without one runs on the defaults.
 * Changing it inserts a new version (history kept) with an audit event.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { DEFAULT_POLICY, type PolicyDocument } from '../../shared/policy';
import type { AllocationPolicy } from '../allocation/types';
import { inTransaction } from '../db/transaction';
import { Policy } from '../models';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

const parsePolicy = (document: string | null): PolicyDocument =>
  (document ? (JSON.parse(document) as PolicyDocument | null) : null) ?? DEFAULT_POLICY;

/**
 * Names a policy row for caching: its id and creation time (rows are never updated; the time
 * tells apart a row that a reset database numbered again).
 */
const stampOf = (dialect: string) =>
  dialect === 'sqlite' ? "id || '@' || createdAt" : "CONCAT(id, '@', createdAt)";

/** A scalar subquery naming the policy in force (NULL without one), for another statement. */
export function policyStampColumn(dialect: string): string {
  return `(SELECT ${stampOf(dialect)} FROM policies ORDER BY id DESC LIMIT 1)`;
}

/** The policy in force as this process last read it, per database. Shared: frozen. */
const lastRead = new WeakMap<Sequelize, { stamp: string; document: PolicyDocument }>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Reads the policy in force, parsing its document only when it is not the one last read. */
async function readPolicy(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
): Promise<PolicyDocument> {
  const [row] = await sequelize.query<{ document: string | null; stamp: string }>(
    `SELECT document, ${stampOf(sequelize.getDialect())} AS stamp FROM policies ORDER BY id DESC LIMIT 1`,
    { type: QueryTypes.SELECT, transaction },
  );
  if (!row) {
    lastRead.delete(sequelize);
    return DEFAULT_POLICY;
  }
  const stamp = String(row.stamp);
  const known = lastRead.get(sequelize);
  if (known?.stamp === stamp) return known.document;
  const parsed = parsePolicy(row.document);
  // Frozen, as every request shares it (not the defaults: a module's constant, not ours to freeze).
  const document = parsed === DEFAULT_POLICY ? parsed : deepFreeze(parsed);
  lastRead.set(sequelize, { stamp, document });
  return document;
}

/**
 * The policy a stamp (read with `policyStampColumn`) names: this process's copy while it is still
 * the one in force, else read again. Spares a hot path a statement and a JSON parse per request.
 */
export async function policyByStamp(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
  stamp: string | null,
): Promise<PolicyDocument> {
  if (stamp === null) {
    lastRead.delete(sequelize);
    return DEFAULT_POLICY;
  }
  const known = lastRead.get(sequelize);
  return known?.stamp === stamp ? known.document : readPolicy(sequelize, transaction);
}

export function currentPolicy(transaction?: Transaction): Promise<PolicyDocument> {
  return readPolicy(Policy.sequelize!, transaction);
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
