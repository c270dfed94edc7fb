import { today, type AppContext } from '../../context';
import { ADMIN, EVERYONE, siteScopeOf, currentUser } from '../../http/access';
import { siteParam } from '../../policies/routeScopes';
import { notFound } from '../../errors';
import type { ApiRouter } from '../../http/apiRouter';
import { presentSite, presentSiteWithOccupancy } from '../../presenters/site';
import { listSitesWithOccupancy } from '../../queries/sites';
import { sumOccupancy } from '../../queries/occupancy';
import { createSite } from '../../services/createSite';
import { changeSiteStatus } from '../../services/changeSiteStatus';
import { updateSite } from '../../services/updateSite';
import { optionalReasonBody } from '../stays/schemas';
import { BAD_INPUT, CONFLICT, NOT_FOUND } from '../common/schemas';
import { serviceContext } from '../serviceContext';
import {
  siteCreateBody,
  siteIdParams,
  siteListQuery,
  siteListSchema,
  siteSchema,
  siteUpdateBody,
  siteWithOccupancySchema,
} from './schemas';

export function registerSiteRoutes(api: ApiRouter, app: AppContext): void {
  api.add({
    method: 'get',
    path: '/sites',
    tag: 'sites',
    access: { roles: EVERYONE },
    summary: "List sites with today's beds, occupied, free and utilization",
    query: siteListQuery,
    responses: { 200: { description: 'Sites and totals', schema: siteListSchema }, 400: BAD_INPUT },
    handler: async ({ query, res }) => {
      const day = today(app);
      // A site manager lists only their own sites.
      const scope = siteScopeOf(currentUser(res));
      const rows = await listSitesWithOccupancy(app.db.sequelize, day, {
        ...query,
        ...(scope ? { ids: scope } : {}),
      });
      res.json({
        date: day,
        data: rows.map((r) => presentSiteWithOccupancy(r.site, r.occupancy)),
        totals: sumOccupancy(rows.map((r) => r.occupancy)),
      });
    },
  });

  api.add({
    method: 'get',
    path: '/sites/:siteId',
    tag: 'sites',
    access: { roles: EVERYONE, sites: siteParam },
    summary: "One site with today's occupancy",
    params: siteIdParams,
    responses: {
      200: { description: 'The site', schema: siteWithOccupancySchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
    },
    handler: async ({ params, res }) => {
      const [row] = await listSitesWithOccupancy(app.db.sequelize, today(app), {
        ids: [params.siteId],
      });
      if (!row) throw notFound(`Site ${params.siteId}`, 'siteId');
      res.json(presentSiteWithOccupancy(row.site, row.occupancy));
    },
  });

  api.add({
    method: 'post',
    path: '/sites',
    tag: 'sites',
    access: { roles: ADMIN },
    summary: 'Register a site',
    body: siteCreateBody,
    responses: {
      201: { description: 'Created', schema: siteSchema },
      400: BAD_INPUT,
      409: CONFLICT,
    },
    handler: async ({ body, req, res }) => {
      const site = await createSite(serviceContext(app, req, res), body);
      res.status(201).location(`/api/sites/${site.id}`).json(presentSite(site));
    },
  });

  api.add({
    method: 'patch',
    path: '/sites/:siteId',
    tag: 'sites',
    access: { roles: ADMIN },
    summary: "Change a site's name, address, location, kind, categories or contact",
    params: siteIdParams,
    body: siteUpdateBody,
    responses: {
      200: { description: 'Updated', schema: siteSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
    },
    handler: async ({ params, body, req, res }) => {
      const site = await updateSite(serviceContext(app, req, res), params.siteId, body);
      res.json(presentSite(site));
    },
  });

  for (const [action, summary] of [
    [
      'activate',
      'Open a standby, preparing or suspended site for intake (re-tries the waiting list)',
    ],
    ['suspend', 'Stop new intake at an active site (e.g. an infection found inside)'],
    ['close', 'Close a site (refused while anyone is in it or booked into it)'],
  ] as const) {
    api.add({
      method: 'post',
      path: `/sites/:siteId/${action}`,
      tag: 'sites',
      access: { roles: ['admin', 'official'] },
      summary,
      params: siteIdParams,
      body: optionalReasonBody,
      responses: {
        200: { description: 'The site after the change', schema: siteSchema },
        400: BAD_INPUT,
        404: NOT_FOUND,
        409: CONFLICT,
      },
      handler: async ({ params, body, req, res }) => {
        const site = await changeSiteStatus(
          serviceContext(app, req, res),
          params.siteId,
          action,
          body,
        );
        res.json(presentSite(site));
      },
    });
  }
}
