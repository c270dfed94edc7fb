import type { BoardStayDto, BoardTestDto } from '../../shared/boardDto';
import type { PersonalDataKeys } from '../personalData/cipher';
import type { BoardStays, BoardTestRow } from '../queries/board';
import { presentPerson, type PersonAudience } from './person';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentTest(test: BoardTestRow): BoardTestDto {
  return {
    id: test.id,
    day: test.day,
    dueDate: test.dueDate,
    result: test.result,
    sampledAt: iso(test.sampledAt),
  };
}

/**
 * Board stays with their people and tests. People go through `presentPerson`, the one place that
 * masks personal fields, and only the fields the board needs are kept.
 */
export function presentBoardStays(
  loaded: BoardStays,
  keys: PersonalDataKeys,
  audience: PersonAudience,
): BoardStayDto[] {
  const people = new Map(loaded.people.map((p) => [p.id, p]));
  const tests = new Map<number, BoardTestDto[]>();
  for (const test of loaded.tests) {
    const list = tests.get(test.stayId) ?? [];
    list.push(presentTest(test));
    tests.set(test.stayId, list);
  }
  return loaded.stays.map((stay) => {
    const { id, fullName, idNumber, phone, sex, birthYear, category, needs } = presentPerson(
      people.get(stay.personId)!,
      keys,
      null,
      audience,
    );
    return {
      stayId: stay.stayId,
      partyId: stay.partyId,
      roomId: stay.roomId,
      roomNumber: stay.roomNumber,
      floor: stay.floor,
      status: stay.status,
      entryDate: stay.entryDate,
      plannedReleaseDate: stay.plannedReleaseDate,
      checkedInAt: iso(stay.checkedInAt),
      person: { id, fullName, idNumber, phone, sex, birthYear, category, needs },
      tests: tests.get(stay.stayId) ?? [],
    };
  });
}
