/** Writes a party's stays (and their test schedule) into the rooms the engine assigned. */
import type { Transaction } from 'sequelize';
import type { PolicyDocument } from '../../shared/policy';
import type { AssignedRoom } from '../allocation/types';
import { Stay, StayTest } from '../models';
import type { LoadedParty, StayWindow } from './partyLoader';
import { testSchedule } from './stayDates';

export async function writeStays(
  transaction: Transaction,
  loaded: LoadedParty,
  assigned: readonly AssignedRoom[],
  window: StayWindow,
  policy: PolicyDocument,
): Promise<Stay[]> {
  const rows = assigned.flatMap((room) =>
    room.members.map((index) => {
      const person = loaded.members[index];
      return {
        personId: person.id,
        partyId: loaded.party.id,
        roomId: room.roomId,
        entryDate: window.entryDate,
        plannedReleaseDate: window.releaseDate,
        status: 'reserved' as const,
        activePersonId: person.id,
      };
    }),
  );
  const stays = await Stay.bulkCreate(rows, { transaction });
  const tests = stays.flatMap((stay) => {
    const person = loaded.members.find((m) => m.id === stay.personId)!;
    return testSchedule(
      policy,
      loaded.party.category,
      person.exposureDate,
      window.entryDate,
      window.releaseDate,
    ).map((t) => ({ stayId: stay.id, day: t.day, dueDate: t.dueDate }));
  });
  if (tests.length) await StayTest.bulkCreate(tests, { transaction });
  return stays;
}
