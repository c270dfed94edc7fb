/**
 * The Joi every request schema is built with: plain Joi, except that every string refuses C0/C1
 * control characters (issue 16 §6) with the stable type `string.controlCharacters`, before any
 * other rule. Free text that may span lines says so with `.multiline()`, which lets tab, line
 * feed and carriage return through and nothing else.
 *
 * ApiRouter refuses to declare a route whose params, query or body holds a string schema not
 * made here (see `plainStrings`), and ESLint keeps `import Joi from 'joi'` out of server/routes.
 */
import BaseJoi from 'joi';
import { CONTROL_CHARACTERS, CONTROL_CHARACTERS_BUT_LINE_BREAKS } from '../../shared/validations';

export const CONTROL_CHARACTERS_TYPE = 'string.controlCharacters';

export interface TextSchema<T = string> extends BaseJoi.StringSchema<T> {
  /** Lets tab, line feed and carriage return through (other control characters stay refused). */
  multiline(): this;
}

export type HavenJoi = Omit<typeof BaseJoi, 'string'> & {
  string<T = string>(): TextSchema<T>;
};

const Joi = BaseJoi.extend((joi: typeof BaseJoi) => ({
  type: 'string',
  base: joi.string(),
  messages: {
    [CONTROL_CHARACTERS_TYPE]: '{{#label}} must not contain control characters',
  },
  validate(value: unknown, helpers: BaseJoi.CustomHelpers) {
    if (typeof value !== 'string') return { value };
    const multiline = helpers.schema.$_getFlag('multiline') === true;
    const refused = multiline ? CONTROL_CHARACTERS_BUT_LINE_BREAKS : CONTROL_CHARACTERS;
    if (refused.test(value)) {
      return { value, errors: [helpers.error(CONTROL_CHARACTERS_TYPE)] };
    }
    return { value };
  },
  rules: {
    multiline: {
      method(this: BaseJoi.Schema) {
        return this.$_setFlag('multiline', true);
      },
    },
  },
})) as HavenJoi;

const HAVEN_STRING = Object.getPrototypeOf(Joi.string()) as object;

/** True for a string schema made by this module's Joi (and so refusing control characters). */
export function isHavenString(schema: BaseJoi.Schema): boolean {
  return Object.getPrototypeOf(schema) === HAVEN_STRING;
}

interface Terms {
  keys?: { key: string; schema: BaseJoi.Schema }[] | null;
  items?: BaseJoi.Schema[];
  ordered?: BaseJoi.Schema[];
  matches?: { schema?: BaseJoi.Schema; then?: BaseJoi.Schema; otherwise?: BaseJoi.Schema }[];
  patterns?: { schema?: BaseJoi.Schema; rule?: BaseJoi.Schema }[];
  whens?: { then?: BaseJoi.Schema; otherwise?: BaseJoi.Schema; is?: BaseJoi.Schema }[];
}

/**
 * The paths of string schemas inside `schema` that were made with plain Joi (and so would let
 * control characters through). Walks object keys, array items, alternatives, patterns and whens.
 */
export function plainStrings(schema: BaseJoi.Schema, path = ''): string[] {
  if (schema.type === 'string') return isHavenString(schema) ? [] : [path || '(root)'];
  const terms = (schema as unknown as { $_terms: Terms }).$_terms;
  const children: [string, BaseJoi.Schema | undefined][] = [];
  for (const { key, schema: child } of terms.keys ?? []) {
    children.push([path ? `${path}.${key}` : key, child]);
  }
  for (const item of [...(terms.items ?? []), ...(terms.ordered ?? [])]) {
    children.push([`${path}[]`, item]);
  }
  for (const m of terms.matches ?? []) {
    children.push([path, m.schema], [path, m.then], [path, m.otherwise]);
  }
  for (const p of terms.patterns ?? [])
    children.push([`${path}.*`, p.schema], [`${path}.*`, p.rule]);
  for (const w of terms.whens ?? []) children.push([path, w.then], [path, w.otherwise]);
  return children.flatMap(([at, child]) =>
    child && BaseJoi.isSchema(child) ? plainStrings(child, at) : [],
  );
}

export default Joi;
