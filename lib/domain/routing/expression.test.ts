import { describe, expect, it } from 'vitest';
import { isKnownPath, MAX_EXPRESSION_CHARS, parseExpression } from './expression';

const faults = (e: unknown) => {
  const r = parseExpression(e);
  if (r.ok) throw new Error('expected faults');
  return r.faults;
};

describe('parseExpression', () => {
  it('accepts the SPEC examples', () => {
    expect(parseExpression({ $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $in: { 'customer.country': ['DE', 'AT'] } }] }).ok).toBe(true);
    expect(parseExpression({ $hasTag: { tags: 'strong_auth' } }).ok).toBe(true);
    expect(parseExpression({ $not: { $or: [{ $exists: { 'customer.tier': true } }, { $gte: { 'message.score': 3 } }] } }).ok).toBe(true);
  });

  it('points at the faulty node', () => {
    expect(faults({ $and: [{ $eq: { 'message.text': 'x' } }, { $in: { 'customer.country': 'DE' } }] })).toEqual([
      { at: '$and[1].$in', message: 'expected an array, got a string' },
    ]);
    expect(faults({ $or: [{ $regex: { 'message.text': '.*' } }] })[0].at).toBe('$or[0].$regex');
    expect(faults({ $eq: { 'message.nope.deep': 1 } })[0]).toMatchObject({ at: '$eq.message.nope.deep', message: expect.stringContaining('unknown path') });
    expect(faults({ $not: { $exists: { 'customer.tier': 'yes' } } })).toEqual([{ at: '$not.$exists', message: 'expected true or false, got a string' }]);
  });

  it('reports every fault, not only the first', () => {
    expect(faults({ $and: [{ $lt: { 'message.text': true } }, { $contains: { 'message.text': '' } }] }).map((f) => f.at)).toEqual(['$and[0].$lt', '$and[1].$contains']);
  });

  it('rejects shapes that are not one operator', () => {
    expect(faults('x')[0].message).toMatch(/expected an object/);
    expect(faults({})[0].message).toMatch(/empty object/);
    expect(faults({ $eq: { a: 1 }, $neq: { b: 2 } })[0].message).toMatch(/exactly one operator/);
    expect(faults({ $and: [] })[0].message).toMatch(/non-empty array/);
    expect(faults({ $eq: { 'message.text': 'a', 'message.from': 'b' } })[0].message).toMatch(/2 paths/);
    expect(faults({ $eq: 'x' })[0].at).toBe('$eq');
  });

  it('checks value types per operator', () => {
    const ok = (op: string, v: unknown, path = 'message.x') => parseExpression({ [op]: { [path]: v } }).ok;
    expect([ok('$eq', 'a'), ok('$eq', 1), ok('$eq', true), ok('$eq', null), ok('$eq', [1]), ok('$eq', {})]).toEqual([true, true, true, true, false, false]);
    expect([ok('$gt', 1), ok('$gt', '2025-01-01'), ok('$gt', true), ok('$gt', null)]).toEqual([true, true, false, false]);
    expect([ok('$in', ['a', 1, true]), ok('$in', []), ok('$in', [null]), ok('$in', [[1]]), ok('$nin', 'a')]).toEqual([true, false, false, false, false]);
    expect(ok('$in', Array.from({ length: 1001 }, (_, i) => i))).toBe(false);
    expect([ok('$contains', 'ab'), ok('$contains', ''), ok('$startsWith', 3)]).toEqual([true, false, false]);
    expect([ok('$exists', false), ok('$exists', 0)]).toEqual([true, false]);
  });

  it('keeps tag operators and the tags path together', () => {
    expect(parseExpression({ $hasAnyTag: { tags: ['vip', 'gold'] } }).ok).toBe(true);
    expect(parseExpression({ $hasAllTags: { tags: ['vip'] } }).ok).toBe(true);
    expect(parseExpression({ $exists: { tags: true } }).ok).toBe(true);
    expect(faults({ $hasTag: { 'message.text': 'vip' } })[0].message).toMatch(/tags path only/);
    expect(faults({ $eq: { tags: 'vip' } })[0].message).toMatch(/tags path takes/);
    expect(faults({ $hasTag: { tags: 'no spaces' } })[0].message).toBe('expected a tag name');
    expect(faults({ $hasAnyTag: { tags: [] } })[0].message).toMatch(/array of 1 to/);
  });

  it('limits expressions to 4000 characters', () => {
    const big = { $in: { 'message.text': Array.from({ length: 500 }, (_, i) => `value-${i}`) } };
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_EXPRESSION_CHARS);
    expect(faults(big)[0].message).toMatch(/at most 4000/);
  });

  it('knows the paths of SPEC §3', () => {
    for (const p of ['message.text', 'message.channel', 'message.from', 'message.orderId', 'customer.tier', 'customer.country', 'conversation.inboxId', 'tags']) {
      expect(isKnownPath(p), p).toBe(true);
    }
    for (const p of ['conversation.agentId', 'customer.', 'message', 'customer.a.b', 'foo.bar', 'customer.1abc']) expect(isKnownPath(p), p).toBe(false);
  });
});

describe('conversation.metadata.<key>', () => {
  it('is a path for every key an attribute name could be', () => {
    expect(isKnownPath('conversation.metadata.plan')).toBe(true);
    expect(isKnownPath('conversation.metadata.bot_state-2')).toBe(true);
    expect(parseExpression({ $eq: { 'conversation.metadata.plan': 'gold' } }).ok).toBe(true);
    expect(parseExpression({ $and: [{ $exists: { 'conversation.metadata.verified': true } }, { $gte: { 'conversation.metadata.score': 3 } }] }).ok).toBe(true);
  });

  it('refuses a missing, nested or malformed key, with the position and the paths there are', () => {
    for (const path of ['conversation.metadata', 'conversation.metadata.', 'conversation.metadata.a.b', 'conversation.metadata.9lives', 'conversation.metadata.has space', 'conversation.meta.plan']) {
      expect(isKnownPath(path), path).toBe(false);
      const [fault] = faults({ $eq: { [path]: 'x' } });
      expect(fault.at).toBe(`$eq.${path}`);
      expect(fault.message).toContain('conversation.metadata.<key>');
    }
    expect(faults({ $hasTag: { 'conversation.metadata.plan': 'x' } })[0].message).toMatch(/tags path only/);
  });
});
