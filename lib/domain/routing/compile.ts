import { freeKeyPath, type Condition, type ExprNode, type Scalar } from './expression';

// Evaluation rules, the same for the compiled predicate and for explain():
// - A path that is missing (or null) makes every condition false, except `$exists: false`,
//   and `$eq: null` which is another way to say "missing".
// - `$eq`, `$neq`, `$in`, `$nin` compare exactly, case-sensitively, except that numbers and numeric
//   strings compare as numbers ("5" = 5 = "5.0") and booleans match "true"/"false".
// - `$lt`… compare numbers (numeric strings included) numerically, other strings by code point; a
//   number against a non-numeric string is false.
// - `$contains` and `$startsWith` ignore case.
// - `$neq` and `$nin` need the value to be present: they are not simply "not `$eq`".
// - Objects and arrays in attributes only answer `$exists`.

export type RoutingContext = {
  message?: { text?: string | null; channel?: string | null; from?: string | null; attributes?: Record<string, unknown> | null } | null;
  customer?: {
    name?: string | null;
    email?: string | null;
    phone?: string | null;
    country?: string | null;
    attributes?: Record<string, unknown> | null;
  } | null;
  conversation?: {
    channel?: string | null;
    priority?: string | null;
    topic?: string | null;
    inboxId?: string | null;
    /** Free JSON set over the API; a new conversation has none (`{}`, or left out). */
    metadata?: Record<string, unknown> | null;
  } | null;
  tags?: string[];
};

const FIXED: Record<string, (c: RoutingContext) => unknown> = {
  'message.text': (c) => c.message?.text,
  'message.channel': (c) => c.message?.channel,
  'message.from': (c) => c.message?.from,
  'customer.name': (c) => c.customer?.name,
  'customer.email': (c) => c.customer?.email,
  'customer.phone': (c) => c.customer?.phone,
  'customer.country': (c) => c.customer?.country,
  'conversation.channel': (c) => c.conversation?.channel,
  'conversation.priority': (c) => c.conversation?.priority,
  'conversation.topic': (c) => c.conversation?.topic,
  'conversation.inboxId': (c) => c.conversation?.inboxId,
  tags: (c) => c.tags ?? [],
};

// Own keys only: an attribute or metadata key named "constructor" must not find Object.prototype's.
const own = (m: Record<string, unknown> | null | undefined, key: string) => (m && Object.hasOwn(m, key) ? m[key] : undefined);

export function resolver(path: string): (c: RoutingContext) => unknown {
  const fixed = FIXED[path];
  if (fixed) return fixed;
  const free = freeKeyPath(path);
  if (!free) return () => undefined;
  const { scope, key } = free;
  if (scope === 'conversation.metadata') return (c) => own(c.conversation?.metadata, key);
  return scope === 'message' ? (c) => own(c.message?.attributes, key) : (c) => own(c.customer?.attributes, key);
}

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

/** A comparable key: numbers and numeric strings as numbers, booleans and "true"/"false" as booleans. */
export function valueKey(v: unknown): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? `n:${v}` : null;
  if (typeof v === 'boolean') return `b:${v}`;
  if (typeof v === 'string') {
    if (NUMERIC.test(v)) return `n:${Number(v)}`;
    if (v === 'true' || v === 'false') return `b:${v}`;
    return `s:${v}`;
  }
  return null;
}

const present = (v: unknown) => v !== undefined && v !== null;
const asNumber = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && NUMERIC.test(v) ? Number(v) : null);

function order(op: '$lt' | '$lte' | '$gt' | '$gte', expected: string | number): (actual: unknown) => boolean {
  const cmp = (d: number) => (op === '$lt' ? d < 0 : op === '$lte' ? d <= 0 : op === '$gt' ? d > 0 : d >= 0);
  const expNum = asNumber(expected);
  return (actual) => {
    const actNum = asNumber(actual);
    if (expNum !== null && actNum !== null) return cmp(actNum - expNum);
    if (expNum === null && typeof expected === 'string' && typeof actual === 'string') return cmp(actual < expected ? -1 : actual > expected ? 1 : 0);
    return false;
  };
}

/** The test a condition applies to the value at its path. */
export function conditionTest(c: Condition): (actual: unknown) => boolean {
  const v = c.value;
  switch (c.op) {
    case '$exists':
      return c.path === 'tags' ? (a) => ((a as string[]).length > 0) === v : (a) => present(a) === v;
    case '$eq': {
      if (v === null) return (a) => !present(a);
      const k = valueKey(v);
      return (a) => valueKey(a) === k;
    }
    case '$neq': {
      if (v === null) return present;
      const k = valueKey(v);
      return (a) => present(a) && valueKey(a) !== null && valueKey(a) !== k;
    }
    case '$lt':
    case '$lte':
    case '$gt':
    case '$gte':
      return order(c.op, v as string | number);
    case '$in': {
      const keys = new Set((v as Scalar[]).map(valueKey));
      return (a) => {
        const k = valueKey(a);
        return k !== null && keys.has(k);
      };
    }
    case '$nin': {
      const keys = new Set((v as Scalar[]).map(valueKey));
      return (a) => {
        const k = valueKey(a);
        return k !== null && !keys.has(k);
      };
    }
    case '$contains':
    case '$startsWith': {
      const needle = (v as string).toLowerCase();
      const starts = c.op === '$startsWith';
      return (a) => {
        if (typeof a !== 'string' && typeof a !== 'number') return false;
        const hay = String(a).toLowerCase();
        return starts ? hay.startsWith(needle) : hay.includes(needle);
      };
    }
    case '$hasTag':
      return (a) => (a as string[]).includes(v as string);
    case '$hasAnyTag':
      return (a) => (v as string[]).some((t) => (a as string[]).includes(t));
    case '$hasAllTags':
      return (a) => (v as string[]).every((t) => (a as string[]).includes(t));
  }
}

export type Predicate = (ctx: RoutingContext) => boolean;

/** Turns a parsed expression into a predicate; all string work (lower-casing, sets) is done once here. */
export function compile(node: ExprNode): Predicate {
  switch (node.kind) {
    case 'condition': {
      const get = resolver(node.path);
      const test = conditionTest(node);
      return (ctx) => test(get(ctx));
    }
    case 'and': {
      const parts = node.children.map(compile);
      return (ctx) => parts.every((p) => p(ctx));
    }
    case 'or': {
      const parts = node.children.map(compile);
      return (ctx) => parts.some((p) => p(ctx));
    }
    case 'not': {
      const inner = compile(node.child);
      return (ctx) => !inner(ctx);
    }
  }
}
