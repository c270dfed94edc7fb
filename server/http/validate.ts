/** Joi validation of one part of a request, with every problem reported (abortEarly: false). */
import type Joi from 'joi';
import type { ProblemFieldError } from '../../shared/dto';
import type { ProblemParams } from '../../shared/problems';
import { validationError } from '../errors';

export type RequestPart = 'params' | 'query' | 'body';

const VALIDATION_OPTIONS: Joi.ValidationOptions = {
  abortEarly: false,
  convert: true,
  allowUnknown: false,
  errors: { wrap: { label: false } },
};

export function fieldErrors(error: Joi.ValidationError, part: RequestPart): ProblemFieldError[] {
  return error.details.map((d) => {
    const field = fieldName(d.path, part);
    const params = reasonParams(d.context);
    return { field, message: `${field}: ${d.message}`, type: d.type, ...(params && { params }) };
  });
}

/** The values a client needs to word a Joi reason itself (`limit` of min/max/length). */
function reasonParams(context: Joi.Context | undefined): ProblemParams | undefined {
  const limit: unknown = context?.limit;
  if (typeof limit === 'number' || typeof limit === 'string') return { limit };
  if (limit instanceof Date) return { limit: limit.toISOString().slice(0, 10) };
  return undefined;
}

const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Keys that could reach an object's prototype. Joi drops `__proto__` silently; we would rather
 * refuse the request than accept a body that tried.
 */
function pollutingKeys(value: unknown, path: string[] = [], depth = 0): string[][] {
  if (depth > 20 || value === null || typeof value !== 'object') return [];
  const found: string[][] = [];
  for (const key of Object.keys(value)) {
    if (POLLUTING_KEYS.has(key)) found.push([...path, key]);
    else
      found.push(
        ...pollutingKeys((value as Record<string, unknown>)[key], [...path, key], depth + 1),
      );
  }
  return found;
}

function fieldName(path: (string | number)[], part: RequestPart): string {
  const joined = path.join('.');
  return part === 'body' ? joined || 'body' : `${part}.${joined}`;
}

/** A schema with the validation options baked in (see prepareSchema). */
export type PreparedSchema<T> = Joi.Schema<T> & { readonly prepared: true };

/**
 * Bakes the validation options into a schema once, at route declaration: Joi merges options
 * passed to each `validate` call into the schema's preferences, on every request.
 */
export function prepareSchema<T>(schema: Joi.Schema<T>): PreparedSchema<T> {
  return schema.prefs(VALIDATION_OPTIONS) as PreparedSchema<T>;
}

/** Returns the validated (and converted) value, or throws a 400 problem naming every bad field. */
export function validatePart<T>(schema: PreparedSchema<T>, value: unknown, part: RequestPart): T {
  const polluting = pollutingKeys(value);
  if (polluting.length) {
    throw validationError(
      polluting.map((path) => {
        const field = fieldName(path, part);
        return { field, message: `${field} is not allowed`, type: 'object.unknown' };
      }),
    );
  }
  const result = schema.validate(value ?? {});
  if (result.error) throw validationError(fieldErrors(result.error, part));
  return result.value as T;
}
