import type { IsoDate } from '../../shared/dates';
import { CONSTRAINT_EXPLANATIONS } from '../../shared/placement';
import type { SuggestionListDto } from '../../shared/placementDto';
import type { PolicyDocument } from '../../shared/policy';
import type { PartyRequest, Suggestion } from '../allocation/types';
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
  return suggestionList(ctx, policy, { ...request, partyId: input.partyId }, input.limit);
}

/**
 * Runs the engine for `request` and presents the best `limit` options with the sites' names;
 * `keep` drops options the caller cannot use (a move's current rooms).
 */
export async function suggestionList(
  ctx: ServiceContext,
  policy: PolicyDocument,
  request: PartyRequest & { partyId: number },
  limit: number,
  keep: (s: Suggestion) => boolean = () => true,
): Promise<SuggestionListDto> {
  const result = await suggestFromDatabase(ctx, undefined, policy, request, limit + 1);
  const suggestions = result.suggestions.filter(keep).slice(0, limit);
  const sites = await Site.findAll({
    attributes: ['id', 'code', 'name', 'status'],
    where: { id: [...new Set(suggestions.map((s) => s.siteId))] },
  });
  const byId = new Map(sites.map((s) => [s.id, s]));
  return {
    partyId: request.partyId,
    entryDate: request.entryDate,
    releaseDate: request.releaseDate,
    data: suggestions.map((s) =>
      presentSuggestion(s, byId.get(s.siteId), policy.utilizationCeiling),
    ),
    feasibleRooms: result.feasibleRooms,
    rejections: result.rejections,
    constraint: result.mostCommonFailure ?? null,
    reason: result.mostCommonFailure ? CONSTRAINT_EXPLANATIONS[result.mostCommonFailure] : null,
  };
}
