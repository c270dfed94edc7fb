/** Rooms arranged for the board: one row per floor, top floor first, rooms in number order. */
import type { RoomWithOccupancyDto } from '../../../shared/dto';

export type BoardState = RoomWithOccupancyDto['state'];

export interface Floor {
  floor: number;
  rooms: RoomWithOccupancyDto[];
  /** How many rooms of the floor are in each state, for the floor's one-line summary. */
  counts: Record<BoardState, number>;
}

export const BOARD_STATES: readonly BoardState[] = [
  'free',
  'reserved',
  'occupied',
  'cleaning',
  'out_of_service',
];

const byNumber = new Intl.Collator('en', { numeric: true });

/** Floors from the top down, as a building's directory reads; "1203" after "203" (numeric). */
export function groupByFloor(rooms: readonly RoomWithOccupancyDto[]): Floor[] {
  const floors = new Map<number, RoomWithOccupancyDto[]>();
  for (const room of rooms) {
    const list = floors.get(room.floor) ?? [];
    list.push(room);
    floors.set(room.floor, list);
  }
  return [...floors.entries()]
    .sort(([a], [b]) => b - a)
    .map(([floor, list]) => ({
      floor,
      rooms: list.sort((a, b) => byNumber.compare(a.number, b.number)),
      counts: countStates(list),
    }));
}

export function countStates(rooms: readonly RoomWithOccupancyDto[]): Record<BoardState, number> {
  const counts = Object.fromEntries(BOARD_STATES.map((s) => [s, 0])) as Record<BoardState, number>;
  for (const room of rooms) counts[room.state] += 1;
  return counts;
}

/**
 * The glyph beside each state's name on a tile, so a state is told by shape and word as well as
 * colour (colour-blind operators, grey-scale printouts).
 */
export const STATE_ICONS: Record<BoardState, string> = {
  free: '○',
  reserved: '◔',
  occupied: '●',
  cleaning: '✚',
  out_of_service: '⊘',
};
