import type { IsoDate } from '../../shared/dates';
import { CONSTRAINT_EXPLANATIONS } from '../../shared/placement';
import type { SuggestionListDto } from '../../shared/placementDto';
import { Site } from '../models';
import {
  loadParty,
  partyRequest,
  refuseMembersInQuarantine,
  stayWindow,
} from '../placement/partyLoader';
import { presentSuggestion } from '../presenters/suggestion';
import type { ServiceContext } from './context';
import { suggestFromDatabase } from '../placement/chooseRooms';
import { currentPolicy } from './policy';

/**
 * The top `limit` placements for a party with their scores explained. Read-only: nothing is
 * locked or written, so what it shows can be taken by someone else before it is placed.
 */
export async function suggestPlacements(
  ctx: ServiceContext,
  input: { partyId: number; limit: number; allowStandby: boolean; entryDate?: IsoDate },
): Promise<SuggestionListDto> {
  const policy = await currentPolicy();
  const loaded = await loadParty(undefined, input.partyId);
  await refuseMembersInQuarantine(undefined, loaded);
  const window = stayWindow(policy, loaded, ctx.today, input.entryDate);
  const request = partyRequest(loaded, window, input.allowStandby);
  const result = await suggestFromDatabase(ctx, undefined, policy, request, input.limit);
  const sites = await Site.findAll({
    attributes: ['id', 'code', 'name', 'status'],
    where: { id: [...new Set(result.suggestions.map((s) => s.siteId))] },
  });
  const byId = new Map(sites.map((s) => [s.id, s]));
  return {
    partyId: loaded.party.id,
    entryDate: window.entryDate,
    releaseDate: window.releaseDate,
    data: result.suggestions.map((s) =>
      presentSuggestion(s, byId.get(s.siteId), policy.utilizationCeiling),
    ),
    feasibleRooms: result.feasibleRooms,
    rejections: result.rejections,
    reason: result.mostCommonFailure ? CONSTRAINT_EXPLANATIONS[result.mostCommonFailure] : null,
  };
}
