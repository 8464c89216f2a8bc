import { describe, expect, it } from 'vitest';
import { compile, type RoutingContext } from './compile';
import { parseExpression } from './expression';
import { explain } from './explain';

function holds(expr: unknown, ctx: RoutingContext): boolean {
  const parsed = parseExpression(expr);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.faults));
  const verdict = compile(parsed.node)(ctx);
  expect(explain(parsed.node, ctx).result).toBe(verdict); // explain never disagrees
  return verdict;
}

const ctx: RoutingContext = {
  message: { text: 'Hello, my Account is locked', channel: 'WHATSAPP', from: '+4915100', attributes: { score: '7', orderId: 4821, vip: true, meta: { a: 1 } } },
  customer: { name: 'Zed', email: 'zed@example.org', phone: null, country: 'DE', attributes: { tier: 'gold', authLevel: 'strong', visits: 3 } },
  conversation: { channel: 'WHATSAPP', priority: 'NORMAL', topic: 'Locked out', inboxId: 'inbox-1' },
  tags: ['strong_auth', 'vip'],
};

describe('operators', () => {
  it('$eq / $neq compare exactly, numbers and numeric strings alike', () => {
    expect(holds({ $eq: { 'customer.country': 'DE' } }, ctx)).toBe(true);
    expect(holds({ $eq: { 'customer.country': 'de' } }, ctx)).toBe(false);
    expect(holds({ $eq: { 'message.score': 7 } }, ctx)).toBe(true);
    expect(holds({ $eq: { 'message.orderId': '4821' } }, ctx)).toBe(true);
    expect(holds({ $eq: { 'message.vip': 'true' } }, ctx)).toBe(true);
    expect(holds({ $neq: { 'customer.tier': 'silver' } }, ctx)).toBe(true);
    expect(holds({ $neq: { 'customer.tier': 'gold' } }, ctx)).toBe(false);
  });

  it('missing paths are false, except $exists:false and $eq:null', () => {
    for (const op of ['$eq', '$neq', '$lt', '$gt', '$contains', '$startsWith']) {
      expect(holds({ [op]: { 'customer.missing': 'x' } }, ctx), op).toBe(false);
    }
    expect(holds({ $in: { 'customer.missing': ['x'] } }, ctx)).toBe(false);
    expect(holds({ $nin: { 'customer.missing': ['x'] } }, ctx)).toBe(false);
    expect(holds({ $neq: { 'customer.phone': '1' } }, ctx)).toBe(false); // null counts as missing
    expect(holds({ $exists: { 'customer.missing': false } }, ctx)).toBe(true);
    expect(holds({ $exists: { 'customer.tier': true } }, ctx)).toBe(true);
    expect(holds({ $eq: { 'customer.phone': null } }, ctx)).toBe(true);
    expect(holds({ $neq: { 'customer.email': null } }, ctx)).toBe(true);
    expect(holds({ $eq: { 'message.text': 'x' } }, {})).toBe(false);
  });

  it('orders numbers numerically and other strings by code point', () => {
    expect(holds({ $gt: { 'message.score': 10 } }, ctx)).toBe(false); // "7" > 10 numerically is false
    expect(holds({ $lt: { 'message.score': '10' } }, ctx)).toBe(true); // not "7" < "10" as text
    expect(holds({ $gte: { 'customer.visits': 3 } }, ctx)).toBe(true);
    expect(holds({ $lte: { 'customer.visits': 2.5 } }, ctx)).toBe(false);
    expect(holds({ $gt: { 'customer.name': 'A' } }, ctx)).toBe(true);
    expect(holds({ $gt: { 'customer.name': 5 } }, ctx)).toBe(false); // a name is not a number
  });

  it('$in / $nin use the same equality as $eq', () => {
    expect(holds({ $in: { 'customer.country': ['AT', 'DE'] } }, ctx)).toBe(true);
    expect(holds({ $in: { 'message.orderId': ['4821'] } }, ctx)).toBe(true);
    expect(holds({ $nin: { 'customer.country': ['AT', 'CH'] } }, ctx)).toBe(true);
    expect(holds({ $nin: { 'customer.country': ['DE'] } }, ctx)).toBe(false);
  });

  it('$contains / $startsWith ignore case', () => {
    expect(holds({ $contains: { 'message.text': 'ACCOUNT' } }, ctx)).toBe(true);
    expect(holds({ $startsWith: { 'message.text': 'hello' } }, ctx)).toBe(true);
    expect(holds({ $startsWith: { 'message.text': 'account' } }, ctx)).toBe(false);
    expect(holds({ $contains: { 'message.orderId': '82' } }, ctx)).toBe(true); // numbers as their digits
    expect(holds({ $contains: { 'message.meta': 'a' } }, ctx)).toBe(false); // objects only answer $exists
    expect(holds({ $exists: { 'message.meta': true } }, ctx)).toBe(true);
  });

  it('tag operators', () => {
    expect(holds({ $hasTag: { tags: 'strong_auth' } }, ctx)).toBe(true);
    expect(holds({ $hasTag: { tags: 'Strong_auth' } }, ctx)).toBe(false);
    expect(holds({ $hasAnyTag: { tags: ['x', 'vip'] } }, ctx)).toBe(true);
    expect(holds({ $hasAllTags: { tags: ['vip', 'x'] } }, ctx)).toBe(false);
    expect(holds({ $hasAllTags: { tags: ['vip', 'strong_auth'] } }, ctx)).toBe(true);
    expect(holds({ $exists: { tags: true } }, { tags: [] })).toBe(false);
    expect(holds({ $hasTag: { tags: 'vip' } }, {})).toBe(false);
  });

  it('$and / $or / $not combine', () => {
    const seed = { $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $hasTag: { tags: 'strong_auth' } }] };
    expect(holds(seed, ctx)).toBe(true);
    expect(holds(seed, { ...ctx, tags: [] })).toBe(false);
    expect(holds({ $or: [{ $eq: { 'customer.country': 'AT' } }, { $eq: { 'customer.tier': 'gold' } }] }, ctx)).toBe(true);
    expect(holds({ $not: { $eq: { 'customer.country': 'DE' } } }, ctx)).toBe(false);
  });
});

describe('explain', () => {
  it('reports each condition with its position, expected and actual value', () => {
    const parsed = parseExpression({ $and: [{ $eq: { 'message.channel': 'SMS' } }, { $eq: { 'customer.tier': 'gold' } }] });
    if (!parsed.ok) throw new Error('bad');
    const t = explain(parsed.node, ctx);
    expect(t).toMatchObject({
      kind: 'and',
      result: false,
      children: [
        { at: '$and[0].$eq.message.channel', expected: 'SMS', actual: 'WHATSAPP', result: false },
        { at: '$and[1].$eq.customer.tier', expected: 'gold', actual: 'gold', result: true },
      ],
    });
  });
});

describe('conversation.metadata.<key>', () => {
  const withMetadata = (metadata: Record<string, unknown> | undefined): RoutingContext => ({ ...ctx, conversation: { ...ctx.conversation, metadata } });

  it('reads the key from the conversation’s metadata, with the usual comparisons', () => {
    const c = withMetadata({ plan: 'gold', score: '7', verified: true, nested: { a: 1 } });
    expect(holds({ $eq: { 'conversation.metadata.plan': 'gold' } }, c)).toBe(true);
    expect(holds({ $in: { 'conversation.metadata.plan': ['silver', 'gold'] } }, c)).toBe(true);
    expect(holds({ $gt: { 'conversation.metadata.score': 5 } }, c)).toBe(true);
    expect(holds({ $eq: { 'conversation.metadata.verified': true } }, c)).toBe(true);
    expect(holds({ $exists: { 'conversation.metadata.nested': true } }, c)).toBe(true);
    expect(holds({ $eq: { 'conversation.metadata.nested': 1 } }, c)).toBe(false);
  });

  it('treats a missing key, empty metadata (a new conversation) and none at all alike: missing', () => {
    for (const c of [withMetadata({ other: 1 }), withMetadata({}), withMetadata(undefined), { ...ctx, conversation: null }]) {
      expect(holds({ $eq: { 'conversation.metadata.plan': 'gold' } }, c)).toBe(false);
      expect(holds({ $exists: { 'conversation.metadata.plan': false } }, c)).toBe(true);
      expect(holds({ $eq: { 'conversation.metadata.plan': null } }, c)).toBe(true);
    }
  });

  it('finds own keys only: "constructor" is not Object.prototype’s', () => {
    expect(holds({ $exists: { 'conversation.metadata.constructor': true } }, withMetadata({}))).toBe(false);
    expect(holds({ $exists: { 'customer.toString': true } }, ctx)).toBe(false);
    expect(holds({ $eq: { 'conversation.metadata.constructor': 'x' } }, withMetadata({ constructor: 'x' }))).toBe(true);
  });

  it('explains the value it read', () => {
    const parsed = parseExpression({ $eq: { 'conversation.metadata.plan': 'gold' } });
    if (!parsed.ok) throw new Error('parse');
    expect(explain(parsed.node, withMetadata({ plan: 'silver' }))).toMatchObject({ at: '$eq.conversation.metadata.plan', actual: 'silver', result: false });
  });
});
