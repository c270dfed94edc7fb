import type { Sequelize } from 'sequelize';
import type { PartyDto } from '../../shared/dto';
import type { Party, Person } from '../models';
import type { PersonalDataKeys } from '../personalData/cipher';
import { presentPersons, type PersonAudience } from './person';

/** A party with its members (ordered by person id) and their current stays. */
export async function presentParty(
  sequelize: Sequelize,
  keys: PersonalDataKeys,
  party: Party,
  members: readonly Person[],
  audience: PersonAudience = 'staff',
): Promise<PartyDto> {
  const ordered = [...members].sort((a, b) => a.id - b.id);
  return {
    id: party.id,
    category: party.category,
    shareRoom: Boolean(party.shareRoom),
    members: await presentPersons(sequelize, keys, ordered, audience),
    createdAt: new Date(party.createdAt).toISOString(),
  };
}
