import { QueryTypes } from 'sequelize';
import type { IsoDate } from '../../shared/dates';
import { CONSTRAINT_EXPLANATIONS } from '../../shared/placement';
import type { SuggestionListDto } from '../../shared/placementDto';
import type { PolicyDocument } from '../../shared/policy';
import type { PartyRequest, Suggestion } from '../allocation/types';
import {
  loadParty,
  partyRequest,
  refuseMembersInQuarantine,
  stayWindow,
} from '../placement/partyLoader';
import { presentSuggestion, type SiteLabel } from '../presenters/suggestion';
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
  refuseMembersInQuarantine(loaded);
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
  // Labels come with the snapshot's site rows; read apart only for past entry dates.
  const byId =
    result.siteLabels ??
    (await readSiteLabels(ctx, [...new Set(suggestions.map((s) => s.siteId))]));
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

/** Plain rows, not models: a handful of labels (and no query for none). */
async function readSiteLabels(
  ctx: ServiceContext,
  siteIds: number[],
): Promise<Map<number, SiteLabel>> {
  if (!siteIds.length) return new Map();
  const rows = await ctx.sequelize.query<SiteLabel & { id: number }>(
    'SELECT id, code, name, status FROM sites WHERE id IN (:siteIds)',
    { type: QueryTypes.SELECT, replacements: { siteIds } },
  );
  return new Map(rows.map((r) => [Number(r.id), r]));
}
