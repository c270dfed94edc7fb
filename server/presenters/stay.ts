import type { StayDto } from '../../shared/placementDto';
import type { Stay } from '../models';
import type { RoomPlace } from '../queries/roomPlaces';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** What a stay is presented from: a model instance, or the plain row placement wrote. */
export type StayFields = Pick<
  Stay,
  | 'id'
  | 'personId'
  | 'partyId'
  | 'roomId'
  | 'entryDate'
  | 'plannedReleaseDate'
  | 'releaseDate'
  | 'status'
  | 'checkedInAt'
  | 'endedAt'
  | 'endReason'
>;

/** A stay with where it is; `rooms` maps room id → site id and number (loaded in one query). */
export function presentStay(stay: StayFields, rooms: ReadonlyMap<number, RoomPlace>): StayDto {
  const room = rooms.get(stay.roomId);
  return {
    id: stay.id,
    personId: stay.personId,
    partyId: stay.partyId,
    roomId: stay.roomId,
    siteId: room?.siteId ?? 0,
    roomNumber: room?.number ?? '',
    entryDate: stay.entryDate,
    plannedReleaseDate: stay.plannedReleaseDate,
    releaseDate: stay.releaseDate ?? null,
    status: stay.status,
    checkedInAt: iso(stay.checkedInAt),
    endedAt: iso(stay.endedAt),
    endReason: stay.endReason ?? null,
  };
}
