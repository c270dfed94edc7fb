/**
 * Re-seals every person's ID number and phone with the current data key, and re-hashes them with
 * the current search key, in batches of one transaction each. Safe to re-run and to run while
 * servers work: rows already on the current key are skipped; servers configured with the old key
 * among DATA_ENCRYPTION_PREVIOUS_KEYS keep reading and finding both kinds meanwhile.
 */
import { Op, type Sequelize } from 'sequelize';
import { normaliseIdNumber } from '../../shared/idNumber';
import { inTransaction } from '../db/transaction';
import { Person } from '../models';
import { decrypt, encrypt, keyIdOf, searchHash, type PersonalDataKeys } from './cipher';
import { normalisePhone } from './mask';

export async function rotatePersonalDataKeys(
  sequelize: Sequelize,
  keys: PersonalDataKeys,
  options: { batch?: number; onProgress?: (done: number) => void } = {},
): Promise<{ rotated: number }> {
  const batch = options.batch ?? 1000;
  const current = `${keys.id}.%`;
  let rotated = 0;
  let afterId = 0;
  for (;;) {
    const people = await Person.findAll({
      attributes: ['id', 'idNumberCipher', 'phoneCipher'],
      where: {
        id: { [Op.gt]: afterId },
        [Op.or]: [
          { idNumberCipher: { [Op.notLike]: current } },
          { phoneCipher: { [Op.notLike]: current } },
        ],
      },
      order: [['id', 'ASC']],
      limit: batch,
    });
    if (people.length === 0) return { rotated };
    await inTransaction(sequelize, async (transaction) => {
      for (const person of people) {
        const changes: Partial<Person> = {};
        if (person.idNumberCipher && keyIdOf(person.idNumberCipher) !== keys.id) {
          const idNumber = normaliseIdNumber(decrypt(keys, person.idNumberCipher));
          changes.idNumberCipher = encrypt(keys, idNumber);
          changes.idNumberHash = searchHash(keys, idNumber);
        }
        if (person.phoneCipher && keyIdOf(person.phoneCipher) !== keys.id) {
          const phone = normalisePhone(decrypt(keys, person.phoneCipher));
          changes.phoneCipher = encrypt(keys, phone);
          changes.phoneHash = searchHash(keys, phone);
        }
        await Person.update(changes, { where: { id: person.id }, transaction });
      }
    });
    rotated += people.length;
    afterId = people.at(-1)!.id;
    options.onProgress?.(rotated);
  }
}
