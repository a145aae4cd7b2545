/**
 * fast-check arbitraries from JSON Schema (the OpenAPI document's), for the schema-driven fuzz run
 * (test/e2e/api-fuzz.e2e-spec.ts): values that conform to a schema, and hostile ones that do not.
 */
import fc from 'fast-check';
import { OpenApiDocument, resolveSchema, Schema } from './openapi';

const MAX_ARRAY = 4;
const MAX_STRING = 60;

/** A string deeply nested in arrays, as JSON would carry it. */
function nestedArrays(depth: number): unknown {
  let value: unknown = 'deep';
  for (let level = 0; level < depth; level++) {
    value = [value];
  }
  return value;
}

/**
 * Values no field should turn into a 500: nulls, lone surrogates, huge strings and numbers,
 * wrong types, odd dates, deep nesting, prototype keys, controls and bidirectional overrides.
 */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  '',
  '   ',
  '\ud800',
  'a\udfffb@example.org',
  '\ud83d',
  'x'.repeat(100_000),
  '\u0000',
  'a\u202eb',
  '\u200b',
  '\u{1F600}'.repeat(50),
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  true,
  false,
  [],
  {},
  [null],
  ['\ud800'],
  JSON.parse('{"__proto__":{"admin":true}}') as unknown,
  { constructor: { prototype: { admin: true } } },
  '0000-01-01',
  '0000-01-01T00:00',
  '9999-12-31',
  '9999-12-31T23:59',
  '2026-02-30',
  '1969-12-31',
  '2026-13-01T25:61',
  '0001-01-01T00:00:00.000Z',
  'NaN',
  '-Infinity',
  '1e999',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '%00',
  '00000000-0000-0000-0000-000000000000',
  'Ünïcødé ñame',
  nestedArrays(40),
];

/** Query string values (already percent-encoded) that no parameter should turn into a 500. */
export const HOSTILE_QUERY_VALUES: readonly string[] = [
  '',
  '-1',
  '0',
  '1.5',
  '1e999',
  'NaN',
  '99999999999999999999999',
  '-9007199254740993',
  'x'.repeat(4000),
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%00',
  '%FF%FE',
  '%E2%80%AE',
  'true',
  '0000-01-01',
  '%5B%5D',
  '..%2F..%2F',
];

/** Path segments (already percent-encoded) for ids: wrong formats and encodings. */
export const HOSTILE_PATH_VALUES: readonly string[] = [
  'not-a-uuid',
  '0',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  'A'.repeat(300),
  '%00',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%2e%2e',
  'null',
  '9'.repeat(40),
  '%C3%BF',
];

export interface ArbitraryContext {
  document: OpenApiDocument;
  /** Known ids to use for uuid fields (other users' and the caller's own). */
  ids: readonly string[];
}

/** Values that conform to `schema` (within reason: patterns are met through the schema's examples). */
export function conforming(context: ArbitraryContext, raw: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolveSchema(context.document, raw);
  const base = conformingOwn(context, schema, depth);
  return schema.nullable ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) }) : base;
}

function withExample(schema: Schema, generated: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const example = schema.example ?? schema.default;
  return example === undefined
    ? generated
    : fc.oneof({ weight: 3, arbitrary: fc.constant(example) }, { weight: 1, arbitrary: generated });
}

function conformingOwn(context: ArbitraryContext, schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) {
    return fc.constantFrom(...schema.enum);
  }
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants && variants.length > 0) {
    return fc.oneof(...variants.map((variant) => conforming(context, variant, depth + 1)));
  }
  const type = schema.type ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  switch (type) {
    case 'string':
      return withExample(schema, conformingString(context, schema));
    case 'integer': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? Math.max(min, 0) + 1000;
      return withExample(schema, fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, Math.min(max, min + 1), max)));
    }
    case 'number':
      return withExample(
        schema,
        fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true, noDefaultInfinity: true }),
      );
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth > 6) {
        return fc.constant([]);
      }
      const minLength = schema.minItems ?? 0;
      return fc.array(schema.items ? conforming(context, schema.items, depth + 1) : fc.string(), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? MAX_ARRAY, MAX_ARRAY)),
      });
    }
    case 'object': {
      if (depth > 6 || !schema.properties) {
        return fc.constant({});
      }
      const required = new Set(schema.required ?? []);
      const properties = Object.fromEntries(
        Object.entries(schema.properties).map(([name, property]) => [name, conforming(context, property, depth + 1)]),
      );
      return fc.record(properties, { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) });
    }
    case undefined:
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function conformingString(context: ArbitraryContext, schema: Schema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return context.ids.length > 0
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...context.ids) }, { weight: 1, arbitrary: fc.uuid() })
        : fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'password':
      return fc.string({ minLength: 12, maxLength: 40 });
    case undefined:
    default: {
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING));
      return fc.oneof(
        fc.string({ minLength, maxLength }),
        fc.string({ minLength, maxLength, unit: 'grapheme' }),
        fc.constantFrom(...context.ids.slice(0, 5), 'KE', 'en', 'published'),
      );
    }
  }
}

/** One change that makes an object body hostile. */
export type BodyMutation =
  | { kind: 'replace'; property: string; value: unknown }
  | { kind: 'drop'; property: string }
  | { kind: 'extra'; property: string; value: unknown };

/** A hostile version of a conforming object body: some properties replaced, dropped, or added. */
export function hostileObject(properties: readonly string[]): fc.Arbitrary<BodyMutation[]> {
  const names = properties.length > 0 ? properties : ['value'];
  const mutation: fc.Arbitrary<BodyMutation> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({ property: fc.constantFrom(...names), value: fc.constantFrom(...HOSTILE_VALUES) })
        .map(({ property, value }): BodyMutation => ({ kind: 'replace', property, value })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...names).map((property): BodyMutation => ({ kind: 'drop', property })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          property: fc.constantFrom('isAdmin', 'role', 'id', '__proto__', 'x\ud800'),
          value: fc.constantFrom(...HOSTILE_VALUES),
        })
        .map(({ property, value }): BodyMutation => ({ kind: 'extra', property, value })),
    },
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 });
}

export function applyMutations(body: unknown, mutations: BodyMutation[]): unknown {
  const target: Record<string, unknown> =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : {};
  for (const mutation of mutations) {
    switch (mutation.kind) {
      case 'replace':
      case 'extra':
        Object.defineProperty(target, mutation.property, {
          value: mutation.value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
        break;
      case 'drop':
        delete target[mutation.property];
        break;
    }
  }
  return target;
}

/** Whole bodies (as JSON text) that are hostile however the operation reads them. */
export const HOSTILE_BODIES: readonly string[] = [
  'null',
  '[]',
  '"text"',
  '42',
  '{}',
  `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  '['.repeat(100_000) + ']'.repeat(100_000),
  JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, index) => [`k${index}`, index]))),
  '{"\\ud800":"\\udc00"}',
  '{"a":1,"a":2}',
];
