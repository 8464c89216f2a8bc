// The routing expression language (SPEC §3): JSON in the Infobip style. This file parses and
// validates an expression into a tree, reporting every fault with its position
// (e.g. `$and[1].$in: expected an array`). compile.ts turns the tree into a predicate.

export const COMPARISON_OPS = ['$eq', '$neq', '$lt', '$lte', '$gt', '$gte'] as const;
export const SET_OPS = ['$in', '$nin'] as const;
export const TEXT_OPS = ['$contains', '$startsWith'] as const;
export const TAG_OPS = ['$hasTag', '$hasAnyTag', '$hasAllTags'] as const;
export const OPERATORS = [...COMPARISON_OPS, ...SET_OPS, ...TEXT_OPS, '$exists', ...TAG_OPS] as const;
export const LOGICAL = ['$and', '$or', '$not'] as const;

export type Operator = (typeof OPERATORS)[number];
export type Scalar = string | number | boolean | null;

export const MAX_EXPRESSION_CHARS = 4000;
export const MAX_LIST = 1000;

export const FIXED_PATHS = [
  'message.text',
  'message.channel',
  'message.from',
  'customer.name',
  'customer.email',
  'customer.phone',
  'customer.country',
  'conversation.channel',
  'conversation.priority',
  'conversation.topic',
  'conversation.inboxId',
  'tags',
] as const;

const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const TAG_NAME = /^[A-Za-z0-9._-]{1,100}$/;

export type Condition = { kind: 'condition'; op: Operator; path: string; value: Scalar | Scalar[] };
export type ExprNode =
  | Condition
  | { kind: 'and'; children: ExprNode[] }
  | { kind: 'or'; children: ExprNode[] }
  | { kind: 'not'; child: ExprNode };

export type ExpressionFault = { at: string; message: string };
export type ParseResult = { ok: true; node: ExprNode } | { ok: false; faults: ExpressionFault[] };

/** The scopes whose keys are free: `message.<attribute>`, `customer.<attribute>`, `conversation.metadata.<key>`. */
export const FREE_KEY_SCOPES = ['message', 'customer', 'conversation.metadata'] as const;
const FREE_KEY_PATH = /^(message|customer|conversation\.metadata)\.(.+)$/s;

/** A free-key path's scope and key (`conversation.metadata.plan` → conversation.metadata, plan), or null. */
export function freeKeyPath(path: string): { scope: (typeof FREE_KEY_SCOPES)[number]; key: string } | null {
  const m = FREE_KEY_PATH.exec(path);
  return m ? { scope: m[1] as (typeof FREE_KEY_SCOPES)[number], key: m[2] } : null;
}

/** A path is known when fixed, or `message.<attribute>` / `customer.<attribute>` / `conversation.metadata.<key>`. */
export function isKnownPath(path: string): boolean {
  if ((FIXED_PATHS as readonly string[]).includes(path)) return true;
  const free = freeKeyPath(path);
  return !!free && ATTRIBUTE.test(free.key);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

export function parseExpression(input: unknown): ParseResult {
  const faults: ExpressionFault[] = [];
  let size: number;
  try {
    size = JSON.stringify(input)?.length ?? 0;
  } catch {
    return { ok: false, faults: [{ at: '', message: 'expected JSON' }] };
  }
  if (size > MAX_EXPRESSION_CHARS) {
    return { ok: false, faults: [{ at: '', message: `expression is ${size} characters; at most ${MAX_EXPRESSION_CHARS}` }] };
  }
  const node = parseNode(input, '', faults);
  return node && faults.length === 0 ? { ok: true, node } : { ok: false, faults };
}

function parseNode(v: unknown, at: string, faults: ExpressionFault[]): ExprNode | null {
  const here = (suffix: string) => (at ? `${at}.${suffix}` : suffix);
  if (!isPlainObject(v)) {
    faults.push({ at, message: `expected an object with one operator, got ${describe(v)}` });
    return null;
  }
  const keys = Object.keys(v);
  if (keys.length !== 1) {
    faults.push({ at, message: keys.length ? `expected exactly one operator, got ${keys.join(', ')}` : 'expected one operator, got an empty object' });
    return null;
  }
  const key = keys[0];
  const body = v[key];
  if (key === '$and' || key === '$or') {
    if (!Array.isArray(body) || body.length === 0) {
      faults.push({ at: here(key), message: 'expected a non-empty array of expressions' });
      return null;
    }
    const children = body.map((c, i) => parseNode(c, `${here(key)}[${i}]`, faults));
    return children.every(Boolean) ? { kind: key === '$and' ? 'and' : 'or', children: children as ExprNode[] } : null;
  }
  if (key === '$not') {
    const child = parseNode(body, here(key), faults);
    return child ? { kind: 'not', child } : null;
  }
  if (!(OPERATORS as readonly string[]).includes(key)) {
    faults.push({ at: here(key), message: `unknown operator; use one of ${[...LOGICAL, ...OPERATORS].join(' ')}` });
    return null;
  }
  return parseCondition(key as Operator, body, here(key), faults);
}

function parseCondition(op: Operator, body: unknown, at: string, faults: ExpressionFault[]): Condition | null {
  if (!isPlainObject(body) || Object.keys(body).length !== 1) {
    faults.push({ at, message: `expected {"<path>": <value>}, got ${isPlainObject(body) ? `${Object.keys(body).length} paths` : describe(body)}` });
    return null;
  }
  const [path, value] = Object.entries(body)[0];
  const where = `${at}.${path}`;
  if (!isKnownPath(path)) {
    faults.push({ at: where, message: `unknown path; use one of ${FIXED_PATHS.join(', ')}, message.<attribute>, customer.<attribute> or conversation.metadata.<key>` });
    return null;
  }
  const isTagOp = (TAG_OPS as readonly string[]).includes(op);
  if (path === 'tags' && !isTagOp && op !== '$exists') {
    faults.push({ at: where, message: `the tags path takes ${TAG_OPS.join(', ')}` });
    return null;
  }
  if (isTagOp && path !== 'tags') {
    faults.push({ at: where, message: `${op} applies to the tags path only` });
    return null;
  }
  const fault = valueFault(op, value);
  if (fault) {
    faults.push({ at, message: fault });
    return null;
  }
  return { kind: 'condition', op, path, value: value as Scalar | Scalar[] };
}

function valueFault(op: Operator, value: unknown): string | null {
  switch (op) {
    case '$eq':
    case '$neq':
      return isScalar(value) ? null : `expected a string, number, boolean or null, got ${describe(value)}`;
    case '$lt':
    case '$lte':
    case '$gt':
    case '$gte':
      return typeof value === 'number' || typeof value === 'string' ? null : `expected a number or a string, got ${describe(value)}`;
    case '$in':
    case '$nin':
      if (!Array.isArray(value)) return `expected an array, got ${describe(value)}`;
      if (value.length === 0 || value.length > MAX_LIST) return `expected 1 to ${MAX_LIST} values`;
      return value.every((x) => isScalar(x) && x !== null) ? null : 'expected an array of strings, numbers or booleans';
    case '$contains':
    case '$startsWith':
      return typeof value === 'string' && value.length > 0 ? null : `expected a non-empty string, got ${describe(value)}`;
    case '$exists':
      return typeof value === 'boolean' ? null : `expected true or false, got ${describe(value)}`;
    case '$hasTag':
      return typeof value === 'string' && TAG_NAME.test(value) ? null : 'expected a tag name';
    case '$hasAnyTag':
    case '$hasAllTags':
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) return `expected an array of 1 to ${MAX_LIST} tag names`;
      return value.every((x) => typeof x === 'string' && TAG_NAME.test(x)) ? null : 'expected an array of tag names';
  }
}
