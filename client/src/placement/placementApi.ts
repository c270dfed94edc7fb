/** Calls of placement: register a party, read its suggestions, place it. */
import type { PartyCreateInput, PartyDto } from '../../../shared/dto';
import type { PlacementDto, QueuedDto } from '../../../shared/placementDto';
import { requestJson } from '../api/http';

export function createParty(input: PartyCreateInput): Promise<PartyDto> {
  return requestJson<PartyDto>('/api/parties', { method: 'POST', body: input });
}

export const suggestionsPath = (partyId: number) => `/api/parties/${partyId}/suggestions`;

/** 201 placed or 202 queued, told apart by `outcome`; a 409 rejects with the conflict. */
export function placeParty(partyId: number, roomIds?: number[]): Promise<PlacementDto | QueuedDto> {
  return requestJson<PlacementDto | QueuedDto>(`/api/parties/${partyId}/placement`, {
    method: 'POST',
    body: roomIds ? { roomIds } : {},
  });
}
