import type { RoomDto, RoomWithOccupancyDto } from '../../shared/dto';
import type { Room } from '../models';
import type { RoomWithOccupancy } from '../queries/rooms';

export function presentRoom(room: Room): RoomDto {
  return {
    id: room.id,
    siteId: room.siteId,
    number: room.number,
    floor: room.floor,
    beds: room.beds,
    accessible: Boolean(room.accessible),
    family: Boolean(room.family),
    status: room.status,
    statusChangedAt: new Date(room.statusChangedAt).toISOString(),
  };
}

/**
 * What the room board shows on a tile, derived in one place. A party due today that has not
 * checked in yet is still incoming ("reserved"), though its beds are taken tonight.
 */
export function roomState(item: RoomWithOccupancy): RoomWithOccupancyDto['state'] {
  if (item.room.status === 'out_of_service') return 'out_of_service';
  if (item.room.status === 'cleaning') return 'cleaning';
  if (item.checkedIn > 0) return 'occupied';
  if (item.occupants > 0 || item.upcoming > 0) return 'reserved';
  return 'free';
}

export function presentRoomWithOccupancy(item: RoomWithOccupancy): RoomWithOccupancyDto {
  return {
    ...presentRoom(item.room),
    occupants: item.occupants,
    category: item.category,
    state: roomState(item),
  };
}
