import type { AppContext } from '../../context';
import { chosenRooms, PLACERS, partyVisible } from '../../policies/routeScopes';
import { currentUser } from '../../http/access';
import type { ApiRouter } from '../../http/apiRouter';
import { presentStay } from '../../presenters/stay';
import { placeParty } from '../../services/placeParty';
import { suggestMoves } from '../../services/suggestMoves';
import { suggestPlacements } from '../../services/suggestPlacements';
import { QUEUE_AHEAD_REASON, queueTurnOf } from '../../waitingList/queueOrder';
import { BAD_INPUT, CONFLICT, NOT_FOUND } from '../common/schemas';
import { serviceContext } from '../serviceContext';
import {
  partyIdParams,
  placementBody,
  moveSuggestionsQuery,
  placementSchema,
  queuedSchema,
  suggestionListSchema,
  suggestionsQuery,
} from './schemas';

export function registerPlacementRoutes(api: ApiRouter, app: AppContext): void {
  api.add({
    method: 'get',
    path: '/parties/:partyId/suggestions',
    tag: 'placement',
    access: { roles: PLACERS, visible: partyVisible },
    summary: 'The best rooms for a party, each with its score broken down and explained',
    params: partyIdParams,
    query: suggestionsQuery,
    responses: {
      200: { description: 'Suggestions, best first', schema: suggestionListSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
      409: { description: 'A member is already in quarantine' },
    },
    handler: async ({ params, query, req, res }) => {
      res.json(await suggestPlacements(serviceContext(app, req, res), { ...params, ...query }));
    },
  });

  api.add({
    method: 'get',
    path: '/parties/:partyId/move-suggestions',
    tag: 'placement',
    access: { roles: PLACERS, visible: partyVisible },
    summary: 'The best other rooms for a placed party, for a move, explained like suggestions',
    params: partyIdParams,
    query: moveSuggestionsQuery,
    responses: {
      200: { description: 'Suggestions, best first', schema: suggestionListSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
      409: { description: 'The party has no current stay to move' },
    },
    handler: async ({ params, query, req, res }) => {
      res.json(await suggestMoves(serviceContext(app, req, res), { ...params, ...query }));
    },
  });

  api.add({
    method: 'post',
    path: '/parties/:partyId/placement',
    tag: 'placement',
    access: { roles: PLACERS, visible: partyVisible, sites: chosenRooms },
    summary:
      'Place a party in the best room, or in the rooms chosen; queue it on the waiting list when nothing fits',
    params: partyIdParams,
    body: placementBody,
    responses: {
      201: { description: 'Placed', schema: placementSchema },
      202: {
        description:
          'Queued on the waiting list: nothing fits, or earlier parties of its category wait (it is placed in its turn)',
        schema: queuedSchema,
      },
      400: BAD_INPUT,
      404: NOT_FOUND,
      409: {
        description: `${CONFLICT.description}; chosen rooms while earlier parties of the category wait, by a site manager (placement.queueAhead)`,
      },
      503: { description: 'Too much contention: retry after Retry-After seconds' },
    },
    handler: async ({ params, body, req, res }) => {
      const result = await placeParty(serviceContext(app, req, res), {
        ...params,
        ...body,
        turn: queueTurnOf(currentUser(res)!.role),
      });
      if (result.outcome === 'queued') {
        res.status(202).json({ ...result, behindOthers: result.reason === QUEUE_AHEAD_REASON });
        return;
      }
      res.status(201).json({
        outcome: 'placed',
        partyId: result.partyId,
        siteId: result.siteId,
        stays: result.stays.map((s) => presentStay(s, result.places)),
      });
    },
  });
}
