/** Builders for the pure allocation engine's snapshots. */
import { DEFAULT_POLICY } from '../../shared/policy';
import { indexRooms } from '../../server/allocation/roomIndex';
import { suggest } from '../../server/allocation/suggest';
import type {
  AllocationPolicy,
  BookingSnapshot,
  PartyRequest,
  RoomSnapshot,
  SiteSnapshot,
} from '../../server/allocation/types';

export const POLICY: AllocationPolicy = {
  cleaningNights: 1,
  utilizationCeiling: DEFAULT_POLICY.utilizationCeiling,
  oneCategoryPerFloor: true,
  weights: DEFAULT_POLICY.weights,
};

export const site = (attrs: Partial<SiteSnapshot> = {}): SiteSnapshot => ({
  id: 1,
  status: 'active',
  latitude: 34.8,
  longitude: 113.66,
  acceptedCategories: [
    'close_contact',
    'secondary_contact',
    'inbound_traveller',
    'high_risk_arrival',
  ],
  beds: 100,
  occupied: 10,
  ...attrs,
});

let nextRoomId = 1000;
export const room = (attrs: Partial<RoomSnapshot> = {}): RoomSnapshot => {
  const id = attrs.id ?? nextRoomId++;
  return {
    id,
    siteId: 1,
    floor: 1,
    number: String(id),
    beds: 1,
    accessible: false,
    family: false,
    status: 'available',
    ...attrs,
  };
};

export const booking = (attrs: Partial<BookingSnapshot> & { roomId: number }): BookingSnapshot => ({
  partyId: 9000 + attrs.roomId,
  category: 'close_contact',
  start: '2026-11-20',
  end: '2026-12-04',
  people: 1,
  ...attrs,
});

export const party = (attrs: Partial<PartyRequest> = {}): PartyRequest => ({
  category: 'close_contact',
  shareRoom: false,
  members: [{ needs: [] }],
  origin: { latitude: 34.8, longitude: 113.66 },
  entryDate: '2026-11-29',
  releaseDate: '2026-12-11',
  allowStandby: false,
  ...attrs,
});

/** The engine over plain lists of rooms and bookings, arranged by site and floor first. */
export const suggestAmong = (
  input: Omit<Parameters<typeof suggest>[0], 'floors'> & {
    rooms: readonly RoomSnapshot[];
    bookings: readonly BookingSnapshot[];
  },
) => {
  const { rooms, bookings, ...rest } = input;
  return suggest({ ...rest, floors: indexRooms(rooms, bookings) });
};
