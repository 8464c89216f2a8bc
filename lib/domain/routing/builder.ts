// The route editor's condition builder works on a tree of groups and conditions; this file turns a
// stored expression into that tree and back. Everything the builder can produce comes back as the
// very same JSON (builder.test.ts checks it for random trees). A stored expression the tree would
// rewrite (say a one-element `$and`) is reported as not exact, so the editor shows it read-only
// instead of silently changing it on the next save. Plain TypeScript: the browser imports it too.

import { FIXED_PATHS, OPERATORS, freeKeyPath, type Operator } from './expression';

export type ValueType = 'string' | 'number' | 'boolean' | 'null';
export type ListType = Exclude<ValueType, 'null'>;

/** Values are kept as the text the user typed, with the JSON type they stand for. */
export type BuilderValue = { shape: 'scalar'; type: ValueType; text: string } | { shape: 'list'; type: ListType; items: string[] };
export type BuilderCondition = { id: string; kind: 'condition'; path: string; op: Operator; value: BuilderValue };
export type BuilderGroup = { id: string; kind: 'group'; op: 'and' | 'or'; not: boolean; children: BuilderNode[] };
export type BuilderNode = BuilderCondition | BuilderGroup;

export const LIST_OPS: readonly Operator[] = ['$in', '$nin', '$hasAnyTag', '$hasAllTags'];
export const TAG_PATH_OPS: readonly Operator[] = ['$hasTag', '$hasAnyTag', '$hasAllTags', '$exists'];
export const FIELD_OPS: readonly Operator[] = OPERATORS.filter((o) => !o.startsWith('$has'));

/** The JSON types each operator accepts (expression.ts valueFault), the first being the default. */
export function allowedTypes(op: Operator): readonly ValueType[] {
  switch (op) {
    case '$eq':
    case '$neq':
      return ['string', 'number', 'boolean', 'null'];
    case '$lt':
    case '$lte':
    case '$gt':
    case '$gte':
      return ['number', 'string'];
    case '$in':
    case '$nin':
      return ['string', 'number', 'boolean'];
    case '$exists':
      return ['boolean'];
    default:
      return ['string'];
  }
}

export const isListOp = (op: Operator) => LIST_OPS.includes(op);
export const operatorsFor = (path: string) => (path === 'tags' ? TAG_PATH_OPS : FIELD_OPS);

// Ids only need to be unique within one editor; a counter keeps server and browser renders alike.
let counter = 0;
const newId = () => `n${++counter}`;

export function newCondition(path = 'message.text', op: Operator = path === 'tags' ? '$hasTag' : '$contains'): BuilderCondition {
  return { id: newId(), kind: 'condition', path, op, value: coerceValue({ shape: 'scalar', type: 'string', text: '' }, op) };
}

export function newGroup(op: 'and' | 'or' = 'and', children: BuilderNode[] = [newCondition()]): BuilderGroup {
  return { id: newId(), kind: 'group', op, not: false, children };
}

const NUMBER_TEXT = /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
/** A typed number that JSON can hold; anything else stays text so the user sees what they wrote. */
export const numberOf = (text: string): number | null => (NUMBER_TEXT.test(text) && Number.isFinite(Number(text)) ? Number(text) : null);

function scalarJson(type: ValueType, text: string): string | number | boolean | null {
  if (type === 'null') return null;
  if (type === 'boolean') return text === 'true';
  if (type === 'number') return numberOf(text) ?? text;
  return text;
}

/** Keeps what it can of a value when the operator changes (one value ⇄ a list, a type the new operator takes). */
export function coerceValue(value: BuilderValue, op: Operator): BuilderValue {
  const types = allowedTypes(op);
  const texts = value.shape === 'list' ? value.items : value.type === 'null' ? [] : [value.text].filter((t) => t !== '');
  const type = types.includes(value.type) ? value.type : types[0];
  const bool = (t: string) => t === 'true' || t === 'false';
  if (isListOp(op)) {
    const listType = (type === 'null' ? 'string' : type) as ListType;
    // A list holds one type only (the builder could not show a mixed one), so items that are not of it go.
    const fits = listType === 'boolean' ? bool : listType === 'number' ? (t: string) => numberOf(t) !== null : () => true;
    return { shape: 'list', type: listType, items: texts.filter(fits) };
  }
  if (type === 'null') return { shape: 'scalar', type, text: '' };
  const text = texts[0] ?? '';
  return { shape: 'scalar', type, text: type === 'boolean' && !bool(text) ? 'true' : text };
}

/** A new path keeps the operator when the path takes it; tags and the other paths take different ones. */
export function withPath(c: BuilderCondition, path: string): BuilderCondition {
  if (operatorsFor(path).includes(c.op)) return { ...c, path };
  const op: Operator = path === 'tags' ? '$hasTag' : '$eq';
  return { ...c, path, op, value: coerceValue(c.value, op) };
}

const ORDERING: readonly Operator[] = ['$lt', '$lte', '$gt', '$gte'];

/** A new operator keeps the value it can; "at least" on text that is blank or numeric means a number. */
export function withOp(c: BuilderCondition, op: Operator): BuilderCondition {
  const v = c.value;
  const numeric = ORDERING.includes(op) && v.shape === 'scalar' && v.type === 'string' && (v.text === '' || numberOf(v.text) !== null);
  return { ...c, op, value: coerceValue(numeric ? { ...v, type: 'number' } : v, op) };
}

// ---- tree → JSON ----------------------------------------------------------------------------

/** Where a node sits in the JSON, in expression.ts's notation (`$and[1].$in`), to pin faults and traces on it. */
export type NodeLocation = { id: string; at: string; traceAt: string | null };

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

/**
 * A group of one child is written as the child itself (so a single condition stays a bare
 * condition) and NOT wraps it in `$not`: the tidiest JSON, and the one a person would write.
 */
export function toExpression(root: BuilderGroup, locations?: NodeLocation[]): unknown {
  return emit(root, '', locations);
}

function emit(node: BuilderNode, base: string, out?: NodeLocation[]): unknown {
  if (node.kind === 'condition') {
    const at = join(base, node.op);
    out?.push({ id: node.id, at, traceAt: `${at}.${node.path}` });
    const v = node.value;
    const value = v.shape === 'list' ? v.items.map((t) => scalarJson(v.type, t)) : scalarJson(v.type, v.text);
    return { [node.op]: { [node.path]: value } };
  }
  const inner = node.not ? join(base, '$not') : base;
  let core: unknown;
  if (node.children.length === 1) {
    out?.push({ id: node.id, at: inner, traceAt: node.not ? inner : null });
    core = emit(node.children[0], inner, out);
  } else {
    const key = node.op === 'and' ? '$and' : '$or';
    const at = join(inner, key);
    out?.push({ id: node.id, at, traceAt: node.not ? inner : at });
    core = { [key]: node.children.map((c, i) => emit(c, `${at}[${i}]`, out)) };
  }
  return node.not ? { $not: core } : core;
}

// ---- JSON → tree ----------------------------------------------------------------------------

export type FromExpression = { root: BuilderGroup; exact: boolean } | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const single = (v: unknown): [string, unknown] | null => (isObject(v) && Object.keys(v).length === 1 ? Object.entries(v)[0] : null);

/** How the attribute picker shows a path: a fixed path, or a scope (`customer.*`, `conversation.metadata.*`) with a free key. */
export function splitPath(path: string): { choice: string; attr: string } | null {
  if ((FIXED_PATHS as readonly string[]).includes(path)) return { choice: path, attr: '' };
  // The scope alone with an empty key ("customer.") is how the picker holds a key not typed yet.
  const free = freeKeyPath(path) ?? (/^(message|customer|conversation\.metadata)\.$/.test(path) ? { scope: path.slice(0, -1), key: '' } : null);
  return free ? { choice: `${free.scope}.*`, attr: free.key } : null;
}

/**
 * The builder tree for an expression, and whether writing it back gives the same JSON. Null when
 * the builder has no way to show it at all (a value of a type the operator's inputs cannot hold,
 * an unknown operator or path scope).
 */
export function fromExpression(json: unknown, idPrefix = 'e'): FromExpression {
  let n = 0;
  const id = () => `${idPrefix}${n++}`;
  const node = readNode(json, id);
  if (!node) return null;
  const root: BuilderGroup = node.kind === 'group' ? node : { id: id(), kind: 'group', op: 'and', not: false, children: [node] };
  return { root, exact: JSON.stringify(toExpression(root)) === JSON.stringify(json) };
}

function readNode(v: unknown, id: () => string): BuilderNode | null {
  const entry = single(v);
  if (!entry) return null;
  const [key, body] = entry;
  if (key === '$and' || key === '$or') return readGroup(key, body, false, id);
  if (key === '$not') {
    const inner = single(body);
    if (inner && (inner[0] === '$and' || inner[0] === '$or')) return readGroup(inner[0], inner[1], true, id);
    const child = readNode(body, id);
    return child && { id: id(), kind: 'group', op: 'and', not: true, children: [child] };
  }
  if (!(OPERATORS as readonly string[]).includes(key)) return null;
  return readCondition(key as Operator, body, id);
}

function readGroup(key: '$and' | '$or', body: unknown, not: boolean, id: () => string): BuilderGroup | null {
  if (!Array.isArray(body)) return null;
  const children = body.map((c) => readNode(c, id));
  if (!children.every((c): c is BuilderNode => c !== null)) return null;
  return { id: id(), kind: 'group', op: key === '$and' ? 'and' : 'or', not, children };
}

function typeOf(v: unknown): ValueType | null {
  if (v === null) return 'null';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : null;
}

function readCondition(op: Operator, body: unknown, id: () => string): BuilderCondition | null {
  const entry = single(body);
  if (!entry || !splitPath(entry[0])) return null;
  const [path, value] = entry;
  if (!operatorsFor(path).includes(op)) return null;
  const types = allowedTypes(op);
  if (isListOp(op)) {
    if (!Array.isArray(value)) return null;
    const itemTypes = [...new Set(value.map(typeOf))];
    const type = itemTypes[0] ?? types[0];
    if (itemTypes.length > 1 || type === null || type === 'null' || !types.includes(type)) return null;
    return { id: id(), kind: 'condition', path, op, value: { shape: 'list', type, items: value.map(String) } };
  }
  const type = typeOf(value);
  if (type === null || !types.includes(type)) return null;
  return { id: id(), kind: 'condition', path, op, value: { shape: 'scalar', type, text: type === 'null' ? '' : String(value) } };
}

// ---- editing ---------------------------------------------------------------------------------

export function mapNode(root: BuilderGroup, id: string, fn: (n: BuilderNode) => BuilderNode): BuilderGroup {
  const visit = (n: BuilderNode): BuilderNode => {
    if (n.id === id) return fn(n);
    return n.kind === 'group' ? { ...n, children: n.children.map(visit) } : n;
  };
  return visit(root) as BuilderGroup;
}

export function removeNode(root: BuilderGroup, id: string): BuilderGroup {
  const visit = (g: BuilderGroup): BuilderGroup => ({
    ...g,
    children: g.children.filter((c) => c.id !== id).map((c) => (c.kind === 'group' ? visit(c) : c)),
  });
  return visit(root);
}

export const addChild = (root: BuilderGroup, groupId: string, child: BuilderNode): BuilderGroup =>
  mapNode(root, groupId, (g) => (g.kind === 'group' ? { ...g, children: [...g.children, child] } : g));
