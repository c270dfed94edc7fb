/**
 * The site board's reads: who is in a room (with stay dates and tests) and the site's day
 * (arrivals, releases, tests due). Same audience as the room list; people are masked.
 */
import type { BoardStayDto } from '../../../shared/boardDto';
import { today, type AppContext } from '../../context';
import { notFound } from '../../errors';
import { currentUser } from '../../http/access';
import type { ApiRouter } from '../../http/apiRouter';
import { Room, Site } from '../../models';
import { personalDataKeys } from '../../personalData/keys';
import { PLACERS, siteParam } from '../../policies/routeScopes';
import { presentBoardStays } from '../../presenters/boardStay';
import { audienceOf } from '../../presenters/person';
import { loadBoardStays, type BoardSelection } from '../../queries/board';
import { BAD_INPUT, NOT_FOUND } from '../common/schemas';
import { roomParams } from '../rooms/schemas';
import { siteIdParams } from '../sites/schemas';
import { roomStaysSchema, siteDaySchema } from './schemas';

export function registerBoardRoutes(api: ApiRouter, app: AppContext): void {
  const keys = personalDataKeys(app);
  const { sequelize } = app.db;

  const boardStays = async (
    siteId: number,
    day: string,
    selection: BoardSelection,
    role: Parameters<typeof audienceOf>[0],
  ): Promise<BoardStayDto[]> =>
    presentBoardStays(
      await loadBoardStays(sequelize, siteId, day, selection),
      keys,
      audienceOf(role),
    );

  api.add({
    method: 'get',
    path: '/sites/:siteId/rooms/:roomId/stays',
    tag: 'rooms',
    access: { roles: PLACERS, sites: siteParam },
    summary: "A room's current and upcoming stays: people (masked), stay dates and tests",
    params: roomParams,
    responses: {
      200: { description: 'Stays by entry date', schema: roomStaysSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
    },
    handler: async ({ params, res }) => {
      const room = await Room.findOne({
        attributes: ['id'],
        where: { id: params.roomId, siteId: params.siteId },
      });
      if (!room) throw notFound(`Room ${params.roomId} of site ${params.siteId}`, 'roomId');
      const day = today(app);
      const data = await boardStays(
        params.siteId,
        day,
        { kind: 'room', roomId: params.roomId },
        currentUser(res)?.role,
      );
      res.json({ date: day, roomId: params.roomId, data });
    },
  });

  api.add({
    method: 'get',
    path: '/sites/:siteId/today',
    tag: 'sites',
    access: { roles: PLACERS, sites: siteParam },
    summary: "A site's day: arrivals to check in, releases due and tests due (overdue included)",
    params: siteIdParams,
    responses: {
      200: { description: 'The three lists, by floor and room', schema: siteDaySchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
    },
    handler: async ({ params, res }) => {
      const site = await Site.findByPk(params.siteId, { attributes: ['id'] });
      if (!site) throw notFound(`Site ${params.siteId}`, 'siteId');
      const day = today(app);
      const role = currentUser(res)?.role;
      const [arrivals, releases, testsDue] = await Promise.all(
        (['arrivals', 'releases', 'testsDue'] as const).map((kind) =>
          boardStays(params.siteId, day, { kind }, role),
        ),
      );
      res.json({ date: day, siteId: params.siteId, arrivals, releases, testsDue });
    },
  });
}
