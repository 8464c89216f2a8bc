import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addChild,
  allowedTypes,
  coerceValue,
  fromExpression,
  mapNode,
  newCondition,
  newGroup,
  operatorsFor,
  removeNode,
  toExpression,
  withOp,
  withPath,
  type BuilderCondition,
  type BuilderGroup,
  type BuilderNode,
  type NodeLocation,
} from './builder';
import { builderFaults, pinFaults } from './builder-faults';
import { splitPath } from './builder';
import { FIXED_PATHS, parseExpression, type Operator } from './expression';
import { explain, type TraceNode } from './explain';

const PATHS = [...FIXED_PATHS, 'customer.tier', 'message.lang', 'customer.', 'conversation.metadata.plan', 'conversation.metadata.'];
const TEXTS = ['', 'gold', 'DE', '5', '-2.5', 'true', 'false', 'a b', '1e3', 'x'];

const condition: fc.Arbitrary<BuilderCondition> = fc
  .record({ path: fc.constantFrom(...PATHS), opIndex: fc.nat(), typeIndex: fc.nat(), texts: fc.array(fc.constantFrom(...TEXTS), { maxLength: 3 }) })
  .map(({ path, opIndex, typeIndex, texts }) => {
    const ops = operatorsFor(path);
    const op = ops[opIndex % ops.length] as Operator;
    const types = allowedTypes(op);
    const type = types[typeIndex % types.length];
    const base = newCondition(path, op);
    const value =
      base.value.shape === 'list'
        ? { ...base.value, type: type === 'null' ? 'string' : type, items: texts }
        : { shape: 'scalar' as const, type, text: type === 'boolean' ? (texts[0] === 'false' ? 'false' : 'true') : type === 'null' ? '' : (texts[0] ?? '') };
    return { ...base, value: coerceValue(value, op) };
  });

const tree: fc.Arbitrary<BuilderGroup> = fc.letrec<{ node: BuilderNode; group: BuilderGroup }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, condition, tie('group')),
  group: fc
    .record({ op: fc.constantFrom('and' as const, 'or' as const), not: fc.boolean(), children: fc.array(tie('node'), { maxLength: 4 }) })
    .map((g) => ({ ...newGroup(g.op, g.children), not: g.not })),
})).group;

const json = (v: unknown) => JSON.stringify(v);

describe('builder ⇄ expression', () => {
  it('gives back the same JSON for anything the builder can produce', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const expr = toExpression(t);
        const back = fromExpression(JSON.parse(json(expr)));
        expect(back).not.toBeNull();
        expect(back!.exact).toBe(true);
        expect(json(toExpression(back!.root))).toBe(json(expr));
      }),
      { numRuns: 500 },
    );
  });

  it('reads the seeded routes exactly, keeping value types', () => {
    const seeds = [
      { $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $hasTag: { tags: 'strong_auth' } }] },
      { $eq: { 'customer.tier': 'gold' } },
      { $or: [{ $contains: { 'message.text': 'invoice' } }, { $contains: { 'message.text': 'refund' } }] },
      { $not: { $in: { 'customer.country': ['DE', 'AT'] } } },
      { $and: [{ $gte: { 'customer.score': 5 } }, { $eq: { 'customer.vip': true } }, { $eq: { 'customer.email': null } }] },
      { $not: { $not: { $or: [{ $exists: { tags: false } }, { $hasAllTags: { tags: ['a', 'b'] } }] } } },
    ];
    for (const s of seeds) {
      const r = fromExpression(s);
      expect(r?.exact, json(s)).toBe(true);
      expect(toExpression(r!.root)).toEqual(s);
    }
    const vip = fromExpression(seeds[1])!.root;
    expect(vip).toMatchObject({ op: 'and', not: false, children: [{ path: 'customer.tier', op: '$eq', value: { type: 'string', text: 'gold' } }] });
  });

  it('flags what it would rewrite, and refuses what it cannot show', () => {
    // Same meaning, different JSON: shown read-only so a save never rewrites it unasked.
    expect(fromExpression({ $and: [{ $eq: { 'message.channel': 'SMS' } }] })?.exact).toBe(false);
    expect(fromExpression({ $not: { $or: [{ $eq: { 'customer.tier': 'gold' } }] } })?.exact).toBe(false);
    expect(fromExpression({ $in: { 'customer.country': ['DE', 5] } })).toBeNull(); // mixed list types
    expect(fromExpression({ $contains: { 'message.text': 5 } })).toBeNull();
    expect(fromExpression({ $eq: { 'customer.tier': { nested: true } } })).toBeNull();
    expect(fromExpression({ $regex: { 'message.text': 'a' } })).toBeNull();
    expect(fromExpression('nope')).toBeNull();
  });

  it('keeps what it can of a value when the operator or path changes', () => {
    const c = { ...newCondition('customer.country', '$eq'), value: { shape: 'scalar' as const, type: 'string' as const, text: 'DE' } };
    const inList = withOp(c, '$in');
    expect(inList.value).toEqual({ shape: 'list', type: 'string', items: ['DE'] });
    expect(withOp(inList, '$neq').value).toEqual({ shape: 'scalar', type: 'string', text: 'DE' });
    expect(withOp(c, '$exists').value).toEqual({ shape: 'scalar', type: 'boolean', text: 'true' });
    expect(withOp(c, '$gt').value).toEqual({ shape: 'scalar', type: 'string', text: 'DE' });
    const blank = newCondition('customer.score', '$contains');
    expect(withOp(blank, '$gte').value).toEqual({ shape: 'scalar', type: 'number', text: '' });
    const tag = withPath(c, 'tags');
    expect(tag.op).toBe('$hasTag');
    expect(withPath(tag, 'message.text').op).toBe('$eq');
  });

  it('edits the tree without touching other nodes', () => {
    const a = newCondition();
    const b = newCondition('tags');
    let root = newGroup('and', [a]);
    root = addChild(root, root.id, newGroup('or', [b]));
    expect(root.children).toHaveLength(2);
    root = mapNode(root, b.id, (n) => ({ ...(n as BuilderCondition), value: { shape: 'scalar', type: 'string', text: 'vip' } }));
    expect(toExpression(root)).toEqual({ $and: [{ $contains: { 'message.text': '' } }, { $hasTag: { tags: 'vip' } }] });
    root = removeNode(root, a.id);
    expect(toExpression(root)).toEqual({ $hasTag: { tags: 'vip' } });
  });
});

describe('faults and traces land on their node', () => {
  it('pins server faults on the condition named by their position', () => {
    const root = fromExpression({ $and: [{ $eq: { 'message.channel': 'SMS' } }, { $in: { 'customer.country': ['DE'] } }] }, 'r')!.root;
    const second = root.children[1].id;
    const map = pinFaults(root, ['$and[1].$in: expected an array, got a string', 'expression is 5000 characters; at most 4000']);
    expect(map.get(second)).toEqual(['expected an array, got a string']);
    expect(map.get('')).toEqual(['expression is 5000 characters; at most 4000']);
  });

  it('explains builder faults in plain words before the parser speaks', () => {
    const c = newCondition('customer.', '$eq');
    const empty = newGroup('or', []);
    const n = { ...newCondition('customer.score', '$gt'), value: { shape: 'scalar' as const, type: 'number' as const, text: 'many' } };
    const root = newGroup('and', [c, empty, n]);
    const map = builderFaults(root);
    expect(map.get(c.id)).toEqual(['Name the attribute.']);
    expect(map.get(empty.id)).toEqual(['Add a condition to this group, or remove it.']);
    expect(map.get(n.id)).toEqual(['Enter a number.']);
    expect(builderFaults(fromExpression({ $eq: { 'customer.tier': 'gold' } })!.root).size).toBe(0);
  });

  it('every condition and negated or multi-child group finds its trace node', () => {
    const valid = tree.filter((t) => parseExpression(toExpression(t)).ok);
    fc.assert(
      fc.property(valid, (t) => {
        const locations: NodeLocation[] = [];
        const parsed = parseExpression(toExpression(t, locations));
        if (!parsed.ok) return;
        const seen = new Set<string>();
        const walk = (n: TraceNode) => {
          seen.add(n.at);
          if (n.kind !== 'condition') n.children.forEach(walk);
        };
        walk(explain(parsed.node, {}));
        for (const loc of locations) if (loc.traceAt !== null) expect(seen.has(loc.traceAt), loc.traceAt).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('conversation metadata in the builder', () => {
  it('shows conversation.metadata.<key> as a scope with a free key, and writes it back unchanged', () => {
    expect(splitPath('conversation.metadata.plan')).toEqual({ choice: 'conversation.metadata.*', attr: 'plan' });
    expect(splitPath('conversation.metadata.')).toEqual({ choice: 'conversation.metadata.*', attr: '' });
    expect(splitPath('conversation.channel')).toEqual({ choice: 'conversation.channel', attr: '' });
    const expr = { $and: [{ $eq: { 'conversation.metadata.plan': 'gold' } }, { $gte: { 'conversation.metadata.score': 3 } }] };
    const back = fromExpression(expr);
    expect(back?.exact).toBe(true);
    expect(toExpression(back!.root)).toEqual(expr);
  });

  it('asks for the key before the parser does', () => {
    const root = newGroup('and', [withPath(newCondition(), 'conversation.metadata.')]);
    expect([...builderFaults(root).values()].flat()).toContain('Name the attribute.');
  });
});
