/** Calls of placement: register a party, read its suggestions, place it. */
import type { PartyCreateInput, PartyDto } from '../../../shared/dto';
import type { PlacementDto, QueuedDto } from '../../../shared/placementDto';
import { requestJson } from '../api/http';

export function createParty(input: PartyCreateInput): Promise<PartyDto> {
  return requestJson<PartyDto>('/api/parties', { method: 'POST', body: input });
}

/** `allowStandby`: standby sites may be suggested (placing there opens the site). */
export const suggestionsPath = (partyId: number, allowStandby = false) =>
  `/api/parties/${partyId}/suggestions${allowStandby ? '?allowStandby=true' : ''}`;

/** 201 placed or 202 queued, told apart by `outcome`; a 409 rejects with the conflict. */
export function placeParty(
  partyId: number,
  options: { roomIds?: number[]; allowStandby?: boolean } = {},
): Promise<PlacementDto | QueuedDto> {
  return requestJson<PlacementDto | QueuedDto>(`/api/parties/${partyId}/placement`, {
    method: 'POST',
    body: {
      ...(options.roomIds && { roomIds: options.roomIds }),
      ...(options.allowStandby && { allowStandby: true }),
    },
  });
}
