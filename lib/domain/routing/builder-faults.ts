// Pins expression faults on the builder node they concern, so the editor can show each one beside
// its condition. Faults come from two places that must read alike: the builder's own checks (in
// words a person understands, while typing) and the server's `saveRouteList` refusal, whose
// messages are `"<at>: <message>"` in expression.ts's notation.

import { parseExpression } from './expression';
import { isListOp, numberOf, splitPath, toExpression, type BuilderGroup, type BuilderNode, type NodeLocation } from './builder';

/** Node id → messages; the key `''` holds faults about the expression as a whole. */
export type FaultMap = Map<string, string[]>;

const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const TAG_NAME = /^[A-Za-z0-9._-]{1,100}$/;
// Comparing with an empty string is legal and occasionally meant; for the others it is a slip.
const EMPTY_ALLOWED = new Set(['$eq', '$neq']);

function own(node: BuilderNode): string | null {
  if (node.kind === 'group') return node.children.length ? null : 'Add a condition to this group, or remove it.';
  const parts = splitPath(node.path);
  if (parts?.choice.endsWith('.*') && !ATTRIBUTE.test(parts.attr)) {
    return parts.attr ? 'Attribute names start with a letter or _, then letters, digits, _ or -.' : 'Name the attribute.';
  }
  const v = node.value;
  const tags = node.path === 'tags';
  if (v.shape === 'list') {
    if (!v.items.length) return tags ? 'Add at least one tag.' : 'Add at least one value.';
    if (tags && !v.items.every((t) => TAG_NAME.test(t))) return 'Tag names are 1–100 letters, digits, ".", "_" or "-".';
    if (v.type === 'number' && v.items.some((t) => numberOf(t) === null)) return 'Every value must be a number.';
    return null;
  }
  if (v.type === 'number' && numberOf(v.text) === null) return 'Enter a number.';
  if (v.type === 'string' && v.text === '' && !EMPTY_ALLOWED.has(node.op)) return tags ? 'Enter a tag name.' : 'Enter a value.';
  if (tags && !isListOp(node.op) && node.op !== '$exists' && !TAG_NAME.test(v.text)) return 'Tag names are 1–100 letters, digits, ".", "_" or "-".';
  return null;
}

/** The node a fault at `at` belongs to: the one whose location is the longest prefix of it. */
export function ownerOf(at: string, locations: NodeLocation[]): string {
  let best: NodeLocation | null = null;
  for (const loc of locations) {
    const hit = loc.at === '' || at === loc.at || at.startsWith(`${loc.at}.`) || at.startsWith(`${loc.at}[`);
    if (hit && (!best || loc.at.length > best.at.length)) best = loc;
  }
  return best?.id ?? '';
}

function add(map: FaultMap, id: string, message: string) {
  const list = map.get(id) ?? [];
  if (!list.includes(message)) list.push(message);
  map.set(id, list);
}

/** `"$and[1].$in: expected an array"` → where and what; a message without a position concerns the whole. */
export function splitFault(text: string): { at: string; message: string } {
  const m = /^(\$\S*): (.*)$/s.exec(text);
  return m ? { at: m[1], message: m[2] } : { at: '', message: text };
}

/** Pins `"<at>: <message>"` strings (the server's) on nodes of the tree. */
export function pinFaults(root: BuilderGroup, texts: string[]): FaultMap {
  const locations: NodeLocation[] = [];
  toExpression(root, locations);
  const map: FaultMap = new Map();
  for (const t of texts) {
    const { at, message } = splitFault(t);
    add(map, at ? ownerOf(at, locations) : '', message);
  }
  return map;
}

/**
 * What is wrong with the tree now. The builder's checks come first and speak plainly; the
 * expression parser then catches anything they missed, with the server's own words.
 */
export function builderFaults(root: BuilderGroup): FaultMap {
  const map: FaultMap = new Map();
  const visit = (n: BuilderNode) => {
    const m = own(n);
    if (m) add(map, n.id, m);
    if (n.kind === 'group') n.children.forEach(visit);
  };
  visit(root);
  if (map.size) return map;
  const locations: NodeLocation[] = [];
  const parsed = parseExpression(toExpression(root, locations));
  if (!parsed.ok) for (const f of parsed.faults) add(map, f.at ? ownerOf(f.at, locations) : '', f.message);
  return map;
}
