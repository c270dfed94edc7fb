/**
 * Routes are declared once, with their Joi schemas; the same declaration validates requests and
 * produces the OpenAPI document, so the docs cannot drift from the code.
 */
import express, { type Request, type Response, type Router } from 'express';
import type Joi from 'joi';
import { validatePart } from './validate';

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

  add<P, Q, B>(spec: RouteSpec<P, Q, B>): this {
    this.routes.push(spec as unknown as AnyRouteSpec);
    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      const params = spec.params ? validatePart(spec.params, req.params, 'params') : ({} as P);
      const query = spec.query ? validatePart(spec.query, req.query, 'query') : ({} as Q);
      const body = spec.body ? validatePart(spec.body, req.body, 'body') : (undefined as B);
      await spec.handler({ params, query, body, req, res });
    });
    return this;
  }
}
