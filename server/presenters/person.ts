/**
 * Person → PersonDto. The one place personal fields are decrypted, and only to be masked: the
 * plaintext ID number or phone never leaves this module.
 */
import type { Sequelize } from 'sequelize';
import type { PersonCurrentStayDto, PersonDto } from '../../shared/dto';
import type { Role } from '../../shared/enums';
import type { Person } from '../models';
import { decrypt, type PersonalDataKeys } from '../personalData/cipher';
import { maskIdNumber, maskPhone } from '../personalData/mask';
import { currentStaysOf } from '../queries/persons';

const masked = (keys: PersonalDataKeys, sealed: string | null, mask: (plain: string) => string) =>
  sealed === null ? null : mask(decrypt(keys, sealed));

/**
 * Who is looking: transport coordinators need names and where people are, never ID numbers
 * (issue 4); everyone else sees them masked.
 */
export type PersonAudience = 'staff' | 'transport';

export function audienceOf(role: Role | undefined): PersonAudience {
  return role === 'transport' ? 'transport' : 'staff';
}

export function presentPerson(
  person: Person,
  keys: PersonalDataKeys,
  currentStay: PersonCurrentStayDto | null,
  audience: PersonAudience = 'staff',
): PersonDto {
  const hasOrigin = person.originLatitude !== null && person.originLongitude !== null;
  return {
    id: person.id,
    fullName: person.fullName,
    idNumber: audience === 'transport' ? null : masked(keys, person.idNumberCipher, maskIdNumber),
    phone: masked(keys, person.phoneCipher, maskPhone),
    sex: person.sex,
    birthYear: person.birthYear,
    category: person.category,
    exposureDate: person.exposureDate,
    originDistrict: person.originDistrict,
    origin: hasOrigin
      ? { latitude: Number(person.originLatitude), longitude: Number(person.originLongitude) }
      : null,
    needs: person.needs,
    currentStay,
  };
}

/** Presents many people with their current stays, loaded in one query (no query per person). */
export async function presentPersons(
  sequelize: Sequelize,
  keys: PersonalDataKeys,
  people: readonly Person[],
  audience: PersonAudience = 'staff',
): Promise<PersonDto[]> {
  const stays = await currentStaysOf(
    sequelize,
    people.map((p) => p.id),
  );
  return people.map((p) => presentPerson(p, keys, stays.get(p.id) ?? null, audience));
}
