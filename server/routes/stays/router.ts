import type { AppContext } from '../../context';
import { moveScope, partyVisible, PLACERS, STAY_CARE } from '../../policies/routeScopes';
import type { ApiRouter } from '../../http/apiRouter';
import type { Stay } from '../../models';
import { presentStay } from '../../presenters/stay';
import { roomPlaces } from '../../queries/roomPlaces';
import { cancelStay } from '../../services/cancelStay';
import { checkInStay } from '../../services/checkInStay';
import { extendStay } from '../../services/extendStay';
import { moveParty } from '../../services/moveParty';
import { releaseStay } from '../../services/releaseStay';
import { BAD_INPUT, CONFLICT, NOT_FOUND } from '../common/schemas';
import { partyIdParams, staySchema } from '../placement/schemas';
import { serviceContext } from '../serviceContext';
import { cancelBody, extendBody, moveBody, releaseBody, stayIdParams } from './schemas';
import Joi from '../../http/joi';

const STAY_RESPONSES = {
  200: { description: 'The stay after the change', schema: staySchema },
  400: BAD_INPUT,
  404: NOT_FOUND,
  409: CONFLICT,
};

async function presentStays(stays: Stay[]) {
  const places = await roomPlaces(stays.map((s) => s.roomId));
  return stays.map((s) => presentStay(s, places));
}

export function registerStayRoutes(api: ApiRouter, app: AppContext): void {
  api.add({
    method: 'post',
    path: '/stays/:stayId/check-in',
    tag: 'stays',
    access: STAY_CARE,
    summary: 'Check in a reserved or in-transit stay whose entry day has come',
    params: stayIdParams,
    responses: STAY_RESPONSES,
    handler: async ({ params, req, res }) => {
      const stay = await checkInStay(serviceContext(app, req, res), params.stayId);
      res.json((await presentStays([stay]))[0]);
    },
  });

  api.add({
    method: 'post',
    path: '/stays/:stayId/release',
    tag: 'stays',
    access: STAY_CARE,
    summary:
      'Release a checked-in person today (early releases need a reason); the room goes to cleaning',
    params: stayIdParams,
    body: releaseBody,
    responses: STAY_RESPONSES,
    handler: async ({ params, body, req, res }) => {
      const stay = await releaseStay(serviceContext(app, req, res), params.stayId, body);
      res.json((await presentStays([stay]))[0]);
    },
  });

  api.add({
    method: 'post',
    path: '/stays/:stayId/extend',
    tag: 'stays',
    access: STAY_CARE,
    summary: 'Move the planned release later, with a reason',
    params: stayIdParams,
    body: extendBody,
    responses: STAY_RESPONSES,
    handler: async ({ params, body, req, res }) => {
      const stay = await extendStay(serviceContext(app, req, res), params.stayId, body);
      res.json((await presentStays([stay]))[0]);
    },
  });

  api.add({
    method: 'post',
    path: '/stays/:stayId/cancel',
    tag: 'stays',
    access: STAY_CARE,
    summary: 'Cancel a reservation nobody has moved into yet',
    params: stayIdParams,
    body: cancelBody,
    responses: STAY_RESPONSES,
    handler: async ({ params, body, req, res }) => {
      const stay = await cancelStay(serviceContext(app, req, res), params.stayId, body);
      res.json((await presentStays([stay]))[0]);
    },
  });

  api.add({
    method: 'post',
    path: '/parties/:partyId/move',
    tag: 'stays',
    access: { roles: PLACERS, visible: partyVisible, sites: moveScope },
    summary: "Move a party's current stays to other rooms, atomically",
    params: partyIdParams,
    body: moveBody,
    responses: {
      200: {
        description: 'The new stays',
        schema: Joi.object({ stays: Joi.array().items(staySchema) }),
      },
      400: BAD_INPUT,
      404: NOT_FOUND,
      409: CONFLICT,
    },
    handler: async ({ params, body, req, res }) => {
      const stays = await moveParty(serviceContext(app, req, res), { ...params, ...body });
      res.json({ stays: await presentStays(stays) });
    },
  });
}
