// fast-check arbitraries for hostile HTTP requests, guided by our own OpenAPI document: bodies
// are near misses of the documented request schema (right field names, wrong types, invalid
// enums, oversize strings, unknown extras) mixed with plain garbage.
import fc from 'fast-check';
import type { JsonSchema, OpenApiDocument, Operation } from '../http/openapi';

const HUGE = 'x'.repeat(300 * 1024);

/** Characters a Headers object accepts (latin-1, no control characters). */
const headerChar = fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c));
const headerText = (maxLength = 60) => fc.string({ unit: headerChar, maxLength });
const visibleAscii = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));

/** Mostly the valid keys (so requests get past 401), else missing, mangled or made-up credentials. */
export function authorization(valid: string[]): fc.Arbitrary<string | undefined> {
  const garbage = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('', 'App', 'Bearer ', 'Basic dXNlcjpwYXNz', 'App sbk_', `App sbk_${'a'.repeat(300)}`, 'App  ', 'Bearer sbk_\u00ff'),
    fc.constantFrom(...valid).map((v) => v.split(' ')[1]),
    fc.constantFrom(...valid).map((v) => `${v}x`),
    fc.constantFrom(...valid).map((v) => v.toUpperCase()),
    headerText(),
    headerText().map((s) => `App ${s}`),
    headerText().map((s) => `Bearer sbk_${s}`),
  );
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: garbage });
}

export const idempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.string({ unit: visibleAscii, minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.oneof(headerText(300), fc.constantFrom('', ' ', 'a'.repeat(256), 'ü')) },
);

/** A path segment: an existing id, or something odd (unicode, NUL, slashes, 3000 characters). */
export function pathParam(known: string[]): fc.Arbitrary<string> {
  const odd = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ minLength: 300, maxLength: 3000 }),
    fc.constantFrom('..', '.', '/', 'a/b', '%2F', '%00', '\u0000', ' ', 'ü', '💥', "' OR 1=1 --", 'null', '-1', 'vip\u0000'),
  );
  return known.length ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: odd }) : odd;
}

const QUERY_VALUES = [
  '-1', '0', '1', '999', '1000', '1e3', 'NaN', '0x10', ' 5 ', 'true', 'false', 'TRUE', 'createdAt:asc', 'createdAt:DESC', 'name:asc',
  'nope:asc', 'OPEN', 'URGENT', 'WHATSAPP', 'OPEN,CLOSED', ',,,', '2025-04-24T11:25:41.058+0000', '2025-02-30', '9999-99-99T99:99',
  '\u0000', 'a'.repeat(5000),
];

/** Query strings using the operation's parameter names (and a few unknown ones). */
export function query(names: string[], known: string[]): fc.Arbitrary<Record<string, string | string[]>> {
  const value = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom(...QUERY_VALUES, ...known));
  const key = names.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }) : fc.string({ maxLength: 10 });
  return fc.dictionary(key, fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.array(value, { maxLength: 4 }) }), { maxKeys: 5 });
}

const wrong: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(null, 0, -1, 1.5, true, '', [], {}, 'x'.repeat(5000), '\u0000'),
);

const isSchema = (s: unknown): s is JsonSchema => typeof s === 'object' && s !== null && !Array.isArray(s);

/** A value shaped like schema `s` most of the time, at every depth, and wrong otherwise. */
function near(doc: OpenApiDocument, s: JsonSchema, known: string[], depth: number): fc.Arbitrary<unknown> {
  if (s.$ref) return near(doc, doc.components.schemas[s.$ref.split('/').pop() as string], known, depth);
  const shaped = shapedLike(doc, s, known, depth);
  return shaped ? fc.oneof({ weight: 1, arbitrary: wrong }, { weight: 4, arbitrary: shaped }) : wrong;
}

function shapedLike(doc: OpenApiDocument, s: JsonSchema, known: string[], depth: number): fc.Arbitrary<unknown> | undefined {
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => near(doc, v, known, depth)));
  if (s.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((x) => x.toUpperCase()) });
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.type === 'object' && s.properties && depth < 3) {
    const fields = Object.fromEntries(Object.entries(s.properties).flatMap(([k, v]) => (isSchema(v) ? [[k, near(doc, v, known, depth + 1)]] : [])));
    const extra = fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { minKeys: 1, maxKeys: 2 });
    const record = fc.record(fields, { requiredKeys: [] });
    return fc.oneof({ weight: 4, arbitrary: record }, { weight: 1, arbitrary: fc.tuple(record, extra).map(([a, b]) => ({ ...b, ...a })) });
  }
  if (s.type === 'array' && isSchema(s.items) && depth < 3) return fc.array(near(doc, s.items, known, depth + 1), { maxLength: 4 });
  if (s.type === 'string') {
    const max = s.maxLength ?? 40;
    return fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: s.minLength ?? 0, maxLength: Math.min(max, 60) }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: max, maxLength: max + 1 }) },
      { weight: 2, arbitrary: fc.constantFrom(...known) },
    );
  }
  if (s.type === 'integer' || s.type === 'number') return fc.oneof(fc.integer(), fc.double());
  if (s.type === 'boolean') return fc.boolean();
  return fc.jsonValue({ maxDepth: 2 });
}

export type BodyPart = { body?: unknown; rawBody?: string };

export function body(doc: OpenApiDocument, op: Operation, known: string[]): fc.Arbitrary<BodyPart> {
  const schema = op.requestBody?.content['application/json'].schema ?? {};
  return fc.oneof(
    { weight: 12, arbitrary: near(doc, schema, known, 0).map((b) => ({ body: b })) },
    { weight: 1, arbitrary: fc.anything().map((b) => ({ body: b })) },
    { weight: 1, arbitrary: fc.json().map((rawBody) => ({ rawBody })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }).map((rawBody) => ({ rawBody })) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', '[]', '{', '{"a":', '"\\u0000"', `{"topic":"${HUGE}"}`).map((rawBody) => ({ rawBody })) },
  );
}
