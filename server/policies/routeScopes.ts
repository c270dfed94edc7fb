/**
 * The access rules shared by several routes, and the site-scope resolvers that read a route's
 * params or body. Site managers act only within their own sites (DESIGN §2, §4 rule 6).
 */
import type { Access } from '../http/access';
import type { Role } from '../../shared/enums';
import { sitesOfParty, sitesOfRooms, sitesOfStay } from './siteScope';
import { partiesVisibleIn, personsVisibleIn } from './visibility';

/** Who places, moves and takes in people. */
export const PLACERS: readonly Role[] = ['admin', 'official', 'site_manager'];

export const siteParam = async ({ params }: { params: { siteId: number } }) => [params.siteId];
const partyParam = ({ params }: { params: { partyId: number } }) => sitesOfParty(params.partyId);

/** Whether a site manager sees the route's target, by its id param (policies/visibility.ts). */
function visibleById<K extends string>(
  key: K,
  visibleIn: (
    siteIds: readonly number[],
    ids: readonly number[],
    now: Date,
  ) => Promise<Set<number>>,
) {
  return async (input: { params: Record<K, number>; siteIds: readonly number[]; now: Date }) =>
    (await visibleIn(input.siteIds, [input.params[key]], input.now)).has(input.params[key]);
}

export const partyVisible = visibleById('partyId', partiesVisibleIn);
export const personVisible = visibleById('personId', personsVisibleIn);

/** Chosen rooms must be the manager's own (the party itself: partyVisible). */
export const chosenRooms = async (input: { body: { roomIds?: number[] } }) =>
  input.body.roomIds ? sitesOfRooms(input.body.roomIds) : null;

/** A move must start from, and go to, the manager's sites. */
export const moveScope = async (input: {
  params: { partyId: number };
  body: { roomIds?: number[] };
}) => {
  const from = await partyParam(input);
  const to = input.body.roomIds ? await sitesOfRooms(input.body.roomIds) : null;
  if (from === null && to === null) return null;
  return [...new Set([...(from ?? []), ...(to ?? [])])];
};

/** Day-to-day care of a room: its own site's manager (and admins). */
export const ROOM_CARE: Access<{ siteId: number; roomId: number }, unknown> = {
  roles: ['admin', 'site_manager'],
  sites: siteParam,
};

/** Check-in, release, extension, cancellation: the site's manager (and admins). */
export const STAY_CARE: Access<{ stayId: number }, unknown> = {
  roles: ['admin', 'site_manager'],
  sites: ({ params }) => sitesOfStay(params.stayId),
};
