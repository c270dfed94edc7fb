/** Rooms as the engine and the locks read them: plain values, not model instances. */
import type { RoomSnapshot } from '../allocation/types';

export interface RoomRow {
  id: number;
  siteId: number;
  floor: number;
  number: string;
  beds: number;
  accessible: number | boolean;
  family: number | boolean;
  status: RoomSnapshot['status'];
}

export const toRoom = (r: RoomRow): RoomSnapshot => ({
  id: Number(r.id),
  siteId: Number(r.siteId),
  floor: Number(r.floor),
  number: r.number,
  beds: Number(r.beds),
  accessible: Boolean(Number(r.accessible)),
  family: Boolean(Number(r.family)),
  status: r.status,
});

// `accessible` is a reserved word in MySQL: quote every column.
export const ROOM_COLUMNS =
  '`id`, `siteId`, `floor`, `number`, `beds`, `accessible`, `family`, `status`';
