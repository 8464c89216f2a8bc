import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile, type RoutingContext } from './compile';
import { parseExpression } from './expression';
import { explain } from './explain';

// A plain interpreter written straight from the rules in compile.ts, over the raw JSON, with no
// precomputation. The compiled predicate (and explain) must agree with it on random input.
function reference(expr: Record<string, unknown>, ctx: RoutingContext): boolean {
  const [key, body] = Object.entries(expr)[0];
  if (key === '$and') return (body as Record<string, unknown>[]).every((e) => reference(e, ctx));
  if (key === '$or') return (body as Record<string, unknown>[]).some((e) => reference(e, ctx));
  if (key === '$not') return !reference(body as Record<string, unknown>, ctx);
  const [path, expected] = Object.entries(body as Record<string, unknown>)[0];
  const actual = lookup(path, ctx);
  const isNum = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v));
  const isBool = (v: unknown) => typeof v === 'boolean' || v === 'true' || v === 'false';
  const same = (a: unknown, b: unknown) => {
    if (a === undefined || a === null || typeof a === 'object') return false;
    if (isNum(a) && isNum(b)) return Number(a) === Number(b);
    if (isNum(a) || isNum(b)) return false;
    if (isBool(a) && isBool(b)) return String(a) === String(b);
    if (isBool(a) || isBool(b)) return false;
    return a === b;
  };
  const scalarPresent = actual !== undefined && actual !== null && typeof actual !== 'object';
  const tags = ctx.tags ?? [];
  switch (key) {
    case '$exists':
      return path === 'tags' ? tags.length > 0 === expected : (actual !== undefined && actual !== null) === expected;
    case '$eq':
      return expected === null ? actual === undefined || actual === null : same(actual, expected);
    case '$neq':
      return expected === null ? actual !== undefined && actual !== null : scalarPresent && !same(actual, expected);
    case '$in':
      return (expected as unknown[]).some((e) => same(actual, e));
    case '$nin':
      return scalarPresent && !(expected as unknown[]).some((e) => same(actual, e));
    case '$lt':
    case '$lte':
    case '$gt':
    case '$gte': {
      let d: number;
      if (isNum(actual) && isNum(expected)) d = Number(actual) - Number(expected);
      else if (typeof actual === 'string' && typeof expected === 'string' && !isNum(expected)) d = actual < expected ? -1 : actual > expected ? 1 : 0;
      else return false;
      return key === '$lt' ? d < 0 : key === '$lte' ? d <= 0 : key === '$gt' ? d > 0 : d >= 0;
    }
    case '$contains':
      return (typeof actual === 'string' || typeof actual === 'number') && String(actual).toLowerCase().includes(String(expected).toLowerCase());
    case '$startsWith':
      return (typeof actual === 'string' || typeof actual === 'number') && String(actual).toLowerCase().startsWith(String(expected).toLowerCase());
    case '$hasTag':
      return tags.includes(expected as string);
    case '$hasAnyTag':
      return (expected as string[]).some((t) => tags.includes(t));
    case '$hasAllTags':
      return (expected as string[]).every((t) => tags.includes(t));
  }
  throw new Error(`unknown ${key}`);
}

function lookup(path: string, ctx: RoutingContext): unknown {
  if (path === 'tags') return ctx.tags ?? [];
  const [scope, field] = [path.split('.')[0], path.slice(path.indexOf('.') + 1)];
  const fixed: Record<string, string[]> = { message: ['text', 'channel', 'from'], customer: ['name', 'email', 'phone', 'country'], conversation: ['channel', 'priority', 'topic', 'inboxId'] };
  const obj = (ctx as Record<string, Record<string, unknown> | null | undefined>)[scope];
  if (fixed[scope].includes(field)) return obj?.[field];
  return (obj?.attributes as Record<string, unknown> | null | undefined)?.[field];
}

// Small vocabularies so random expressions and random contexts actually meet.
const words = fc.constantFrom('DE', 'AT', 'gold', 'Gold', 'account', 'Hello account', '5', '05', '7.0', '10', 'true', 'false', 'x', '');
const scalar = fc.oneof(words, fc.constantFrom(5, 7, 10, -1, 0.5), fc.boolean());
const attrPaths = fc.constantFrom('message.score', 'message.flag', 'customer.tier', 'customer.visits', 'customer.nothing');
const fixedPaths = fc.constantFrom('message.text', 'message.channel', 'customer.country', 'customer.name', 'customer.phone', 'conversation.priority');
const path = fc.oneof(attrPaths, fixedPaths);
const tagName = fc.constantFrom('vip', 'strong_auth', 'gold', 'x');

const condition = fc.oneof(
  fc.record({ op: fc.constantFrom('$eq', '$neq'), p: path, v: fc.oneof(scalar, fc.constant(null)) }),
  fc.record({ op: fc.constantFrom('$lt', '$lte', '$gt', '$gte'), p: path, v: fc.oneof(words, fc.constantFrom(5, 7, 10, -1, 0.5)) }),
  fc.record({ op: fc.constantFrom('$in', '$nin'), p: path, v: fc.array(scalar, { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constantFrom('$contains', '$startsWith'), p: path, v: fc.constantFrom('acc', 'HELLO', 'd', '5', 'old') }),
  fc.record({ op: fc.constant('$exists'), p: fc.oneof(path, fc.constant('tags')), v: fc.boolean() }),
  fc.record({ op: fc.constant('$hasTag'), p: fc.constant('tags'), v: tagName }),
  fc.record({ op: fc.constantFrom('$hasAnyTag', '$hasAllTags'), p: fc.constant('tags'), v: fc.array(tagName, { minLength: 1, maxLength: 3 }) }),
).map(({ op, p, v }) => ({ [op]: { [p]: v } }));

const { expr } = fc.letrec<{ expr: Record<string, unknown> }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    condition,
    fc.array(tie('expr'), { minLength: 1, maxLength: 3 }).map((xs) => ({ $and: xs })),
    fc.array(tie('expr'), { minLength: 1, maxLength: 3 }).map((xs) => ({ $or: xs })),
    tie('expr').map((x) => ({ $not: x })),
  ),
}));

const maybe = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const attrValue = fc.oneof(scalar, fc.constant(null), fc.constant({ nested: 1 }));
const context: fc.Arbitrary<RoutingContext> = fc.record({
  message: maybe(fc.record({ text: maybe(words), channel: maybe(fc.constantFrom('WHATSAPP', 'SMS')), attributes: maybe(fc.record({ score: maybe(attrValue), flag: maybe(attrValue) })) })),
  customer: maybe(fc.record({ country: maybe(words), name: maybe(words), phone: maybe(fc.constant(null)), attributes: maybe(fc.record({ tier: maybe(attrValue), visits: maybe(attrValue) })) })),
  conversation: maybe(fc.record({ priority: maybe(fc.constantFrom('HIGH', 'NORMAL')) })),
  tags: maybe(fc.uniqueArray(tagName, { maxLength: 3 })),
});

describe('compiled predicate', () => {
  it('agrees with the plain reference interpreter on random expressions and inputs', () => {
    fc.assert(
      fc.property(expr, context, (e, ctx) => {
        const parsed = parseExpression(e);
        if (!parsed.ok) return JSON.stringify(e).length > 4000; // only the size limit may refuse these
        const want = reference(e, ctx);
        expect(compile(parsed.node)(ctx)).toBe(want);
        expect(explain(parsed.node, ctx).result).toBe(want);
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});
