/** Calls of the site board: paths it reads, and the stay and room changes it makes. */
import type { IsoDate } from '../../../shared/dates';
import type { RoomDto } from '../../../shared/dto';
import type { StayDto } from '../../../shared/placementDto';
import { requestJson } from '../api/http';
import type { RoomAction } from './stayRules';

export const boardPaths = {
  site: (siteId: number) => `/api/sites/${siteId}`,
  rooms: (siteId: number) => `/api/sites/${siteId}/rooms`,
  today: (siteId: number) => `/api/sites/${siteId}/today`,
  roomStays: (siteId: number, roomId: number) => `/api/sites/${siteId}/rooms/${roomId}/stays`,
  moveSuggestions: (partyId: number) => `/api/parties/${partyId}/move-suggestions`,
};

export function checkIn(stayId: number): Promise<StayDto> {
  return requestJson<StayDto>(`/api/stays/${stayId}/check-in`, { method: 'POST' });
}

/** `reason` is required by the API for an early release and ignored otherwise. */
export function release(stayId: number, reason?: string): Promise<StayDto> {
  return requestJson<StayDto>(`/api/stays/${stayId}/release`, {
    method: 'POST',
    body: reason ? { reason } : {},
  });
}

/** A later planned release, with the reason the API requires (a 409 if the room is booked then). */
export function extendStay(
  stayId: number,
  plannedReleaseDate: IsoDate,
  reason: string,
): Promise<StayDto> {
  return requestJson<StayDto>(`/api/stays/${stayId}/extend`, {
    method: 'POST',
    body: { plannedReleaseDate, reason },
  });
}

/** Cancels a reservation nobody has moved into (a checked-in stay is released instead). */
export function cancelStay(stayId: number, reason: string): Promise<StayDto> {
  return requestJson<StayDto>(`/api/stays/${stayId}/cancel`, {
    method: 'POST',
    body: { reason },
  });
}

export function changeRoomStatus(
  siteId: number,
  roomId: number,
  action: RoomAction,
  reason?: string,
): Promise<RoomDto> {
  return requestJson<RoomDto>(`/api/sites/${siteId}/rooms/${roomId}/${action}`, {
    method: 'POST',
    body: action === 'out-of-service' ? { reason } : undefined,
  });
}

export function moveParty(
  partyId: number,
  roomIds: number[],
  reason: string,
): Promise<{ stays: StayDto[] }> {
  return requestJson<{ stays: StayDto[] }>(`/api/parties/${partyId}/move`, {
    method: 'POST',
    body: { roomIds, reason },
  });
}
