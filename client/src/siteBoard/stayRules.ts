/**
 * What the board offers for a stay and a room, mirroring the API's rules so that a button is
 * only shown when the server would accept it (the server still decides).
 */
import type { BoardStayDto, BoardTestDto } from '../../../shared/boardDto';
import type { RoomWithOccupancyDto } from '../../../shared/dto';
import type { IsoDate } from '../../../shared/dates';
import type { Role } from '../../../shared/enums';

/** Check-in, release, cleaning and service status: the site's manager and admins (STAY_CARE). */
export function mayCareForSite(role: Role): boolean {
  return role === 'admin' || role === 'site_manager';
}

/** Moves: whoever places people (PLACERS). */
export function mayMove(role: Role): boolean {
  return role !== 'transport';
}

/** A reservation or transfer whose entry day has come can be checked in. */
export function canCheckIn(stay: BoardStayDto, today: IsoDate): boolean {
  return (stay.status === 'reserved' || stay.status === 'in_transit') && stay.entryDate <= today;
}

/** A current stay's planned release can be moved later (with a reason). */
export function canExtend(stay: BoardStayDto): boolean {
  return stay.status === 'reserved' || stay.status === 'in_transit' || stay.status === 'checked_in';
}

/** A booking nobody has moved into can be cancelled (a checked-in stay is released instead). */
export function canCancel(stay: BoardStayDto): boolean {
  return stay.status === 'reserved' || stay.status === 'in_transit';
}

export type ReleaseKind = 'normal' | 'early' | 'none';

/** On or after the planned day a release is normal; before it, early and needs a reason. */
export function releaseKind(stay: BoardStayDto, today: IsoDate): ReleaseKind {
  if (stay.status !== 'checked_in') return 'none';
  return stay.plannedReleaseDate <= today ? 'normal' : 'early';
}

/** Tests due today or overdue and not yet sampled. */
export function dueTests(stay: BoardStayDto, today: IsoDate): BoardTestDto[] {
  return stay.tests.filter(
    (t) => t.result === 'pending' && t.sampledAt === null && t.dueDate <= today,
  );
}

export type RoomAction = 'cleaned' | 'out-of-service' | 'back-in-service';

/** The one status change a room in this state allows (out of service only while nobody holds it). */
export function roomAction(room: RoomWithOccupancyDto): RoomAction | null {
  switch (room.state) {
    case 'cleaning':
      return 'cleaned';
    case 'out_of_service':
      return 'back-in-service';
    case 'free':
      return 'out-of-service';
    default:
      return null;
  }
}
