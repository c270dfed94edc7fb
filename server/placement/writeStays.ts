/** Writes a party's stays (and their test schedule) into the rooms the engine assigned. */
import type { PolicyDocument } from '../../shared/policy';
import type { AssignedRoom } from '../allocation/types';
import type { StatementBatch } from '../db/statementBatch';
import type { StayFields } from '../presenters/stay';
import type { LoadedParty, StayWindow } from './partyLoader';
import { testSchedule } from './stayDates';

/**
 * Adds the writes to a batch: the stays (one per member, `reserved`), each stay's tests (found
 * by the member's one current stay, so no id has to come back first) and the read of the new
 * stays. The returned function reads them once the batch ran.
 */
export function queueStayWrites(
  batch: StatementBatch,
  loaded: LoadedParty,
  assigned: readonly AssignedRoom[],
  window: StayWindow,
  policy: PolicyDocument,
): () => StayFields[] {
  const now = new Date();
  const members = assigned.flatMap((room) =>
    room.members.map((index) => ({ person: loaded.members[index], roomId: room.roomId })),
  );
  const inserted = batch.write(
    `INSERT INTO stays (personId, partyId, roomId, entryDate, plannedReleaseDate, status,
       activePersonId, createdAt, updatedAt)
     VALUES ${members.map(() => "(?, ?, ?, ?, ?, 'reserved', ?, ?, ?)").join(', ')}`,
    members.flatMap(({ person, roomId }) => [
      person.id,
      loaded.party.id,
      roomId,
      window.entryDate,
      window.releaseDate,
      person.id,
      now,
      now,
    ]),
  );
  const tests = members.flatMap(({ person }) =>
    testSchedule(
      policy,
      loaded.party.category,
      person.exposureDate,
      window.entryDate,
      window.releaseDate,
    ).map((t) => [person.id, t.day, t.dueDate] as const),
  );
  if (tests.length && members.length === 1 && batch.dialect !== 'sqlite') {
    // One stay on MySQL: its id is LAST_INSERT_ID(), which stays that of the previous statement
    // for every row of this one (documented; SQLite's last_insert_rowid() moves row by row, and
    // a multi-row insert's ids need not be consecutive on MySQL 8): no lookup per test.
    batch.write(
      `INSERT INTO tests (stayId, day, dueDate, result, createdAt, updatedAt)
       VALUES ${tests.map(() => "(LAST_INSERT_ID(), ?, ?, 'pending', ?, ?)").join(', ')}`,
      tests.flatMap(([, day, dueDate]) => [day, dueDate, now, now]),
    );
  } else if (tests.length) {
    batch.write(
      `INSERT INTO tests (stayId, day, dueDate, result, createdAt, updatedAt)
       ${tests.map(() => "SELECT id, ?, ?, 'pending', ?, ? FROM stays WHERE activePersonId = ?").join(' UNION ALL ')}`,
      tests.flatMap(([personId, day, dueDate]) => [day, dueDate, now, now, personId]),
    );
  }
  // One stay (most parties): its id is the INSERT's own. Several: read back by person.
  const written =
    members.length === 1
      ? null
      : batch.select<{ id: number; personId: number; roomId: number }>(
          'SELECT id, personId, roomId FROM stays WHERE activePersonId IN (?) ORDER BY id',
          [members.map((m) => m.person.id)],
        );
  const rows = () =>
    written?.value ?? [
      { id: inserted.value.insertId, personId: members[0].person.id, roomId: members[0].roomId },
    ];
  return () =>
    rows().map((row) => ({
      id: Number(row.id),
      personId: Number(row.personId),
      partyId: loaded.party.id,
      roomId: Number(row.roomId),
      entryDate: window.entryDate,
      plannedReleaseDate: window.releaseDate,
      releaseDate: null,
      status: 'reserved' as const,
      checkedInAt: null,
      endedAt: null,
      endReason: null,
    }));
}
