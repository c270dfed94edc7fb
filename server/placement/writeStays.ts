/** Writes a party's stays (and their test schedule) into the rooms the engine assigned. */
import type { Transaction } from 'sequelize';
import type { PolicyDocument } from '../../shared/policy';
import type { AssignedRoom } from '../allocation/types';
import { Stay, StayTest } from '../models';
import type { LoadedParty, StayWindow } from './partyLoader';
import { testSchedule } from './stayDates';

/** One `reserved` stay per member in their assigned room, and each stay's tests. */
export async function writeStays(
  transaction: Transaction,
  loaded: LoadedParty,
  assigned: readonly AssignedRoom[],
  window: StayWindow,
  policy: PolicyDocument,
): Promise<Stay[]> {
  const members = assigned.flatMap((room) =>
    room.members.map((index) => ({ person: loaded.members[index], roomId: room.roomId })),
  );
  const stays = await Stay.bulkCreate(
    members.map(({ person, roomId }) => ({
      personId: person.id,
      partyId: loaded.party.id,
      roomId,
      entryDate: window.entryDate,
      plannedReleaseDate: window.releaseDate,
      status: 'reserved' as const,
      activePersonId: person.id,
    })),
    { transaction },
  );
  const tests = stays.flatMap((stay, i) =>
    testSchedule(
      policy,
      loaded.party.category,
      members[i].person.exposureDate,
      window.entryDate,
      window.releaseDate,
    ).map((t) => ({ stayId: stay.id, day: t.day, dueDate: t.dueDate })),
  );
  if (tests.length) await StayTest.bulkCreate(tests, { transaction });
  return stays;
}
