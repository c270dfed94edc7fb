import type { SuggestionDto } from '../../../shared/placementDto';

/**
 * The `roomIds` to send for a suggestion: the API wants one room for a party that shares, else
 * one room per member in member order, while a suggestion lists rooms with their members.
 */
export function roomIdsOf(suggestion: SuggestionDto): number[] {
  const first = (members: number[]) => (members.length ? Math.min(...members) : Infinity);
  return [...suggestion.rooms]
    .sort((a, b) => first(a.members) - first(b.members))
    .map((r) => r.roomId);
}
