import type { SuggestionListDto } from '../../shared/placementDto';
import { currentStaysToMove, leavesCurrentRooms, moveRequest } from '../placement/moveRequest';
import { loadParty } from '../placement/partyLoader';
import type { ServiceContext } from './context';
import { currentPolicy } from './policy';
import { suggestionList } from './suggestPlacements';

/**
 * Where a placed party could move: the engine's best rooms for the move `moveParty` would make
 * (same members, same dates), without the rooms it is in now. Read-only, like the placement
 * suggestions; the move re-checks everything under lock.
 */
export async function suggestMoves(
  ctx: ServiceContext,
  input: { partyId: number; limit: number; allowStandby: boolean },
): Promise<SuggestionListDto> {
  const policy = await currentPolicy();
  const loaded = await loadParty(undefined, input.partyId);
  const current = await currentStaysToMove(undefined, input.partyId);
  const request = moveRequest(loaded, current, ctx.today, input.allowStandby);
  const elsewhere = leavesCurrentRooms(current);
  return suggestionList(ctx, policy, { ...request, partyId: input.partyId }, input.limit, (s) =>
    elsewhere(s.rooms),
  );
}
