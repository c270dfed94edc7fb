/**
 * Shapes of the site board API: who is in a room, with stay dates and tests, and a site's day
 * (arrivals, releases, tests due). Personal fields arrive masked, as everywhere else.
 */
import type { IsoDate } from './dates';
import type { PersonDto } from './dto';
import type { StayStatus, TestResult } from './enums';

export interface BoardTestDto {
  id: number;
  /** Day of the stay the test is for (policy test days: 1, 4, 7, 14 …). */
  day: number;
  dueDate: IsoDate;
  result: TestResult;
  sampledAt: string | null;
}

/** The person as the board shows them: ID number and phone masked (or absent). */
export type BoardPersonDto = Pick<
  PersonDto,
  'id' | 'fullName' | 'idNumber' | 'phone' | 'sex' | 'birthYear' | 'category' | 'needs'
>;

/** A current stay (reserved, in transit or checked in) with its room, person and tests. */
export interface BoardStayDto {
  stayId: number;
  partyId: number;
  roomId: number;
  roomNumber: string;
  floor: number;
  status: StayStatus;
  entryDate: IsoDate;
  plannedReleaseDate: IsoDate;
  checkedInAt: string | null;
  person: BoardPersonDto;
  /** Every test of the stay, by day. */
  tests: BoardTestDto[];
}

export interface RoomStaysDto {
  date: IsoDate;
  roomId: number;
  /** Current and upcoming stays of the room, by entry date. */
  data: BoardStayDto[];
}

export interface SiteDayDto {
  date: IsoDate;
  siteId: number;
  /** Reservations whose entry day is today or already past (not yet checked in). */
  arrivals: BoardStayDto[];
  /** Checked-in stays whose planned release is today or already past. */
  releases: BoardStayDto[];
  /** Stays with a test due today or overdue, not yet sampled. */
  testsDue: BoardStayDto[];
}
