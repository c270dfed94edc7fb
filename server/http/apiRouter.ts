/**
 * Routes are declared once, with their access rule and Joi schemas; the same declaration
 * authorizes and validates requests and produces the OpenAPI document, so neither the docs nor
 * the access matrix can drift from the code.
 */
import express, { type Request, type Response, type Router } from 'express';
import type Joi from 'joi';
import { forbidden, notFound, unauthorized } from '../errors';
import { getLogger } from '../logging/logger';
import { currentUser, type Access } from './access';
import { plainStrings } from './joi';
import { prepareSchema, validatePart } from './validate';

const log = getLogger('http');

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: Joi.Schema;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

export interface RouteSpec<P = Record<string, never>, Q = Record<string, never>, B = undefined> {
  method: HttpMethod;
  /** Express path relative to /api, e.g. `/sites/:siteId`. */
  path: string;
  summary: string;
  tag: string;
  access: Access<P, B>;
  params?: Joi.ObjectSchema<P>;
  query?: Joi.ObjectSchema<Q>;
  body?: Joi.Schema<B>;
  responses: Record<number, ResponseSpec>;
  handler: (input: RouteInput<P, Q, B>) => Promise<void> | void;
}

export type AnyRouteSpec = RouteSpec<unknown, unknown, unknown>;

export class ApiRouter {
  readonly router: Router = express.Router();
  readonly routes: AnyRouteSpec[] = [];

  /** `now`: the app's clock, for rules that look back in time (who may still see whom). */
  constructor(private readonly now: () => Date = () => new Date()) {}

  add<P, Q, B>(spec: RouteSpec<P, Q, B>): this {
    refusePlainStrings(spec);
    this.routes.push(spec as unknown as AnyRouteSpec);
    const schemas = {
      params: spec.params && prepareSchema(spec.params),
      query: spec.query && prepareSchema(spec.query),
      body: spec.body && prepareSchema(spec.body),
    };
    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      const user = currentUser(res);
      const { roles } = spec.access;
      if (roles !== 'public') {
        if (!user) {
          log.info('Access refused: no session', { method: spec.method, route: spec.path });
          throw unauthorized();
        }
        if (roles !== 'authenticated' && !roles.includes(user.role)) {
          log.info('Access refused: role', {
            method: spec.method,
            route: spec.path,
            role: user.role,
          });
          throw forbidden();
        }
      }
      const params = schemas.params
        ? validatePart(schemas.params, req.params, 'params')
        : ({} as P);
      const query = schemas.query ? validatePart(schemas.query, req.query, 'query') : ({} as Q);
      const body = schemas.body ? validatePart(schemas.body, req.body, 'body') : (undefined as B);
      if (user?.role === 'site_manager') {
        const { sites: sitesOf, visible } = spec.access;
        const sites = sitesOf ? await sitesOf({ params, body }) : null;
        if (sites && !sites.every((id) => user.siteIds.includes(id))) {
          log.info('Access refused: outside site scope', { method: spec.method, route: spec.path });
          throw notFound('The requested resource');
        }
        if (visible && !(await visible({ params, body, siteIds: user.siteIds, now: this.now() }))) {
          log.info('Access refused: not visible to the site', {
            method: spec.method,
            route: spec.path,
          });
          throw notFound('The requested resource');
        }
      }
      await spec.handler({ params, query, body, req, res });
    });
    return this;
  }
}

/**
 * Every string a request sends must refuse control characters: a route whose input schemas hold
 * a string made with plain Joi instead of `server/http/joi` is a programming error, caught when
 * the route is declared (at start-up and in every test), not by the first NUL in production.
 */
function refusePlainStrings<P, Q, B>(spec: RouteSpec<P, Q, B>): void {
  for (const part of ['params', 'query', 'body'] as const) {
    const schema = spec[part];
    const plain = schema ? plainStrings(schema) : [];
    if (plain.length) {
      throw new Error(
        `${spec.method.toUpperCase()} ${spec.path}: ${part} ${plain.join(', ')} built with plain ` +
          "Joi; import Joi from 'server/http/joi' so control characters are refused",
      );
    }
  }
}
