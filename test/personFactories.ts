/**
 * Test data for persons and parties: valid resident ID numbers, request bodies, and people stored
 * the way the app stores them (encrypted plus hashed, with the test app's keys).
 */
import { addDays } from '../shared/dates';
import type { PartyCreateInput, PersonInput } from '../shared/dto';
import type { Category } from '../shared/enums';
import { idNumberCheckDigit } from '../shared/idNumber';
import { loadConfig } from '../server/config';
import type { Person } from '../server/models';
import { encrypt, searchHash } from '../server/personalData/cipher';
import { personalDataKeys } from '../server/personalData/keys';
import { normalisePhone } from '../server/personalData/mask';
import { buildPerson } from './factories';
import { TEST_TODAY } from './setup/app';

/** The keys of every testApp() (same configuration, same session secret). */
export const TEST_KEYS = personalDataKeys({
  config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' }),
});

let sequence = 100;

/**
 * A valid ID number: Zhengzhou Jinshui district, born `birth` (YYYYMMDD), a fresh sequence number
 * (odd: male, even: female) unless given, and the right check character.
 */
export function validIdNumber(birth = '19850315', serial?: number): string {
  const n = serial ?? (sequence += 1);
  const body = `410105${birth}${String(n % 1000).padStart(3, '0')}`;
  return body + idNumberCheckDigit(body);
}

/** The same number with its check character changed to a wrong one. */
export function withWrongCheckDigit(idNumber: string): string {
  const right = idNumber[17];
  return idNumber.slice(0, 17) + (right === '0' ? '1' : '0');
}

export function personInput(attrs: Partial<PersonInput> = {}): PersonInput {
  return {
    fullName: `Zhang Wei ${(sequence += 1)}`,
    idNumber: validIdNumber(),
    exposureDate: addDays(TEST_TODAY, -2),
    ...attrs,
  };
}

export function partyInput(
  members: Partial<PersonInput>[] = [{}],
  attrs: { category?: Category; shareRoom?: boolean } = {},
): PartyCreateInput {
  return {
    category: attrs.category ?? 'close_contact',
    shareRoom: attrs.shareRoom ?? false,
    members: members.map((m) => personInput(m)),
  };
}

/** A person stored with an ID number (and phone), as createParty would have stored them. */
export async function buildKnownPerson(
  attrs: Partial<Person> & { idNumber?: string; phone?: string } = {},
): Promise<Person & { plainIdNumber: string }> {
  const { idNumber = validIdNumber(), phone, ...rest } = attrs;
  const person = await buildPerson({
    idNumberCipher: encrypt(TEST_KEYS, idNumber),
    idNumberHash: searchHash(TEST_KEYS, idNumber),
    ...(phone && {
      phoneCipher: encrypt(TEST_KEYS, normalisePhone(phone)),
      phoneHash: searchHash(TEST_KEYS, normalisePhone(phone)),
    }),
    ...rest,
  });
  return Object.assign(person, { plainIdNumber: idNumber });
}
