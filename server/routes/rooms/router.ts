import { today, type AppContext } from '../../context';
import { ADMIN } from '../../http/access';
import { siteParam, ROOM_CARE } from '../../policies/routeScopes';
import { notFound } from '../../errors';
import type { ApiRouter } from '../../http/apiRouter';
import { Site } from '../../models';
import { presentRoom, presentRoomWithOccupancy } from '../../presenters/room';
import { listRoomsWithOccupancy } from '../../queries/rooms';
import { createRooms } from '../../services/createRooms';
import {
  markRoomCleaned,
  returnRoomToService,
  setRoomOutOfService,
} from '../../services/changeRoomStatus';
import { updateRoom } from '../../services/updateRoom';
import { reasonBody } from '../stays/schemas';
import { BAD_INPUT, CONFLICT, NOT_FOUND } from '../common/schemas';
import { serviceContext } from '../serviceContext';
import { siteIdParams } from '../sites/schemas';
import {
  roomListQuery,
  roomListSchema,
  roomParams,
  roomSchema,
  roomsBulkBody,
  roomsCreatedSchema,
  roomUpdateBody,
} from './schemas';

export function registerRoomRoutes(api: ApiRouter, app: AppContext): void {
  api.add({
    method: 'get',
    path: '/sites/:siteId/rooms',
    tag: 'rooms',
    access: { roles: ['admin', 'official', 'site_manager'], sites: siteParam },
    summary: "A site's rooms with today's occupants and board state",
    params: siteIdParams,
    query: roomListQuery,
    responses: {
      200: { description: 'Rooms by floor and number', schema: roomListSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
    },
    handler: async ({ params, query, res }) => {
      const site = await Site.findByPk(params.siteId, { attributes: ['id'] });
      if (!site) throw notFound(`Site ${params.siteId}`, 'siteId');
      const day = today(app);
      const rooms = await listRoomsWithOccupancy(app.db.sequelize, day, {
        siteId: params.siteId,
        floor: query.floor,
      });
      res.json({ date: day, data: rooms.map(presentRoomWithOccupancy) });
    },
  });

  api.add({
    method: 'post',
    path: '/sites/:siteId/rooms',
    tag: 'rooms',
    access: { roles: ADMIN },
    summary: 'Create rooms in bulk: floors × rooms per floor, each with the same beds',
    params: siteIdParams,
    body: roomsBulkBody,
    responses: {
      201: { description: 'Rooms created', schema: roomsCreatedSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
      409: CONFLICT,
    },
    handler: async ({ params, body, req, res }) => {
      const rooms = await createRooms(serviceContext(app, req, res), params.siteId, body);
      res.status(201).json({ created: rooms.length, data: rooms.map(presentRoom) });
    },
  });

  api.add({
    method: 'patch',
    path: '/sites/:siteId/rooms/:roomId',
    tag: 'rooms',
    access: { roles: ADMIN },
    summary: "Change a room's number, floor, beds or features",
    params: roomParams,
    body: roomUpdateBody,
    responses: {
      200: { description: 'Updated', schema: roomSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
      409: CONFLICT,
    },
    handler: async ({ params, body, req, res }) => {
      const room = await updateRoom(serviceContext(app, req, res), params, body);
      res.json(presentRoom(room));
    },
  });

  const statusRoute = (action: string, summary: string, run: typeof markRoomCleaned) =>
    api.add({
      method: 'post',
      path: `/sites/:siteId/rooms/:roomId/${action}`,
      tag: 'rooms',
      access: ROOM_CARE,
      summary,
      params: roomParams,
      responses: {
        200: { description: 'The room after the change', schema: roomSchema },
        400: BAD_INPUT,
        404: NOT_FOUND,
        409: CONFLICT,
      },
      handler: async ({ params, req, res }) => {
        res.json(presentRoom(await run(serviceContext(app, req, res), params)));
      },
    });
  statusRoute(
    'cleaned',
    'Mark a room clean after terminal disinfection (cleaning → available)',
    markRoomCleaned,
  );
  statusRoute(
    'back-in-service',
    'Return a room to service (out of service → available)',
    returnRoomToService,
  );

  api.add({
    method: 'post',
    path: '/sites/:siteId/rooms/:roomId/out-of-service',
    tag: 'rooms',
    access: ROOM_CARE,
    summary: 'Take a room out of service (refused while a current or future stay holds it)',
    params: roomParams,
    body: reasonBody,
    responses: {
      200: { description: 'The room after the change', schema: roomSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
      409: CONFLICT,
    },
    handler: async ({ params, body, req, res }) => {
      res.json(presentRoom(await setRoomOutOfService(serviceContext(app, req, res), params, body)));
    },
  });
}
