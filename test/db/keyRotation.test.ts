import { expect } from 'chai';
import { normaliseIdNumber } from '../../shared/idNumber';
import { Person } from '../../server/models';
import {
  decrypt,
  deriveKeys,
  encrypt,
  keyIdOf,
  searchHash,
} from '../../server/personalData/cipher';
import { rotatePersonalDataKeys } from '../../server/personalData/rotateKeys';
import { searchPersons } from '../../server/queries/persons';
import { validIdNumber } from '../personFactories';
import { testDb, useTestDatabase } from '../setup/db';

const OLD = 'old-data-key-0000000000000000000000000000';
const NEW = 'new-data-key-1111111111111111111111111111';

async function personSealedWith(keys: ReturnType<typeof deriveKeys>, idNumber: string) {
  return Person.create({
    fullName: 'Rotated Person',
    idNumberCipher: encrypt(keys, idNumber),
    idNumberHash: searchHash(keys, normaliseIdNumber(idNumber)),
    phoneCipher: encrypt(keys, '13800001111'),
    phoneHash: searchHash(keys, '13800001111'),
    birthYear: 1985,
    category: 'close_contact',
    exposureDate: '2026-11-27',
    originDistrict: null,
    originLatitude: null,
    originLongitude: null,
    needs: [],
  });
}

describe('data key rotation', () => {
  useTestDatabase();

  it('finds people sealed with the old key during a rotation, and re-seals them all with the new one', async () => {
    const oldKeys = deriveKeys(OLD, 'v1');
    const idNumbers = [validIdNumber('19850101'), validIdNumber('19860202')];
    for (const id of idNumbers) await personSealedWith(oldKeys, id);
    const rotating = deriveKeys(NEW, 'v2', [{ id: 'v1', material: OLD }]);
    const { sequelize } = testDb();

    // While the old key is still listed, reads and searches work on old rows.
    const [found] = await searchPersons(sequelize, rotating, { idNumber: idNumbers[0] });
    expect(decrypt(rotating, found.idNumberCipher!)).to.equal(idNumbers[0]);

    expect((await rotatePersonalDataKeys(sequelize, rotating, { batch: 1 })).rotated).to.equal(2);
    const people = await Person.findAll();
    for (const p of people) {
      expect(keyIdOf(p.idNumberCipher!)).to.equal('v2');
      expect(keyIdOf(p.phoneCipher!)).to.equal('v2');
    }
    // With the old key gone, everything still decrypts and is found.
    const newOnly = deriveKeys(NEW, 'v2');
    for (const id of idNumbers) {
      const [again] = await searchPersons(sequelize, newOnly, { idNumber: id });
      expect(decrypt(newOnly, again.idNumberCipher!)).to.equal(id);
    }
    expect(await searchPersons(sequelize, newOnly, { phone: '13800001111' })).to.have.length(2);
    // A second run has nothing left to do.
    expect((await rotatePersonalDataKeys(sequelize, rotating)).rotated).to.equal(0);
  });
});
