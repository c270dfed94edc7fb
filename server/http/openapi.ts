/** Builds the OpenAPI 3 document from the declared routes and their Joi schemas. */
import type Joi from 'joi';
import parse from 'joi-to-json';
import type { AnyRouteSpec } from './apiRouter';

type JsonSchema = Record<string, unknown>;

const toJsonSchema = (schema: Joi.Schema): JsonSchema => parse(schema, 'open-api') as JsonSchema;

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          message: { type: 'string' },
          type: { type: 'string' },
        },
      },
    },
  },
};

/** `/sites/:siteId` → `/sites/{siteId}`. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(route: AnyRouteSpec): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const where of ['params', 'query'] as const) {
    const schema = route[where];
    if (!schema) continue;
    const json = toJsonSchema(schema);
    const required = new Set((json.required as string[] | undefined) ?? []);
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, property] of Object.entries(properties)) {
      out.push({
        name,
        in: where === 'params' ? 'path' : 'query',
        required: where === 'params' || required.has(name),
        schema: property,
        ...(property.description ? { description: property.description } : {}),
      });
    }
  }
  return out;
}

export function buildOpenApi(routes: AnyRouteSpec[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const responses: Record<string, JsonSchema> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const isProblem = Number(status) >= 400 && !response.schema;
      const schema = isProblem
        ? { $ref: '#/components/schemas/Problem' }
        : response.schema
          ? toJsonSchema(response.schema)
          : undefined;
      responses[status] = {
        description: response.description,
        ...(schema
          ? {
              content: {
                [isProblem ? 'application/problem+json' : 'application/json']: { schema },
              },
            }
          : {}),
      };
    }
    const operation: JsonSchema = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => (c ? c.toUpperCase() : ''))}`,
      parameters: parameters(route),
      responses,
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: toJsonSchema(route.body) } },
      };
    }
    const path = `/api${openApiPath(route.path)}`;
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return {
    openapi: '3.0.3',
    info,
    paths,
    components: { schemas: { Problem: PROBLEM_SCHEMA } },
  };
}
