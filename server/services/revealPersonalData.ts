import type { RevealableField } from '../../shared/enums';
import { inTransaction } from '../db/transaction';
import { notFound } from '../errors';
import { Person } from '../models';
import { decrypt, type PersonalDataKeys } from '../personalData/cipher';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

export interface RevealedFields {
  personId: number;
  idNumber?: string | null;
  phone?: string | null;
}

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
