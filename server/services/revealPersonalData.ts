import { Op, type Transaction } from 'sequelize';
import type { RevealableField } from '../../shared/enums';
import { inTransaction } from '../db/transaction';
import { notFound, tooManyRequests } from '../errors';
import { AuditEvent, Person } from '../models';
import { decrypt, type PersonalDataKeys } from '../personalData/cipher';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

export interface RevealedFields {
  personId: number;
  idNumber?: string | null;
  phone?: string | null;
}

/** Reveals one user may make within REVEAL_WINDOW_MS (issue 16): a person a minute, and a burst. */
export const REVEALS_PER_WINDOW = 30;
export const REVEAL_WINDOW_MS = 30 * 60_000;

/**
 * Returns the asked-for personal fields in clear, and records who saw which fields of whom
 * (the values themselves are never written to the audit trail). The audit row commits with the
 * read: no reveal goes unrecorded.
 */
export async function revealPersonalData(
  ctx: ServiceContext,
  keys: PersonalDataKeys,
  personId: number,
  fields: readonly RevealableField[],
): Promise<RevealedFields> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    await refuseOverRevealLimit(ctx, transaction);
    const person = await Person.findByPk(personId, { transaction });
    if (!person) throw notFound(`Person ${personId}`, 'personId');
    const out: RevealedFields = { personId };
    const open = (sealed: string | null) => (sealed === null ? null : decrypt(keys, sealed));
    if (fields.includes('idNumber')) out.idNumber = open(person.idNumberCipher);
    if (fields.includes('phone')) out.phone = open(person.phoneCipher);
    await recordAudit(transaction, ctx.actor, {
      entity: 'person',
      entityId: person.id,
      action: 'reveal',
      after: { fields: [...fields] },
    });
    return out;
  });
}

/**
 * 429 once the user has made REVEALS_PER_WINDOW reveals in the window, counted from the audit
 * trail every reveal writes (shared by every process; the (actorUserId, occurredAt) index).
 */
async function refuseOverRevealLimit(ctx: ServiceContext, transaction: Transaction) {
  if (ctx.actor.userId === null) return;
  // The audit trail's own clock (the machine's: occurredAt), not the app's day.
  const now = Date.now();
  const since = new Date(now - REVEAL_WINDOW_MS);
  const recent = await AuditEvent.findAll({
    attributes: ['occurredAt'],
    where: { actorUserId: ctx.actor.userId, action: 'reveal', occurredAt: { [Op.gt]: since } },
    order: [['occurredAt', 'ASC']],
    limit: REVEALS_PER_WINDOW,
    transaction,
  });
  if (recent.length < REVEALS_PER_WINDOW) return;
  const freeAt = recent[0].occurredAt.getTime() + REVEAL_WINDOW_MS;
  throw tooManyRequests(
    (freeAt - now) / 1000,
    `At most ${REVEALS_PER_WINDOW} reveals per ${REVEAL_WINDOW_MS / 60_000} minutes per user.`,
  );
}
