import { beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import { callApi, makeTestKeys, type TestKeys } from '../test/api';
import { canonicalJson } from './idempotency';

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

const C = '/ccaas/1/conversations';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});

describeEachEngine('Idempotency-Key', (ctx) => {
  let keys: TestKeys;
  let keyId: string;
  beforeAll(async () => {
    state.prisma = ctx.prisma;
    keys = await makeTestKeys(ctx.prisma);
    keyId = (await ctx.prisma.apiKey.findFirstOrThrow({ where: { name: { startsWith: 'admin ' } }, orderBy: { createdAt: 'desc' } })).id;
  });
  const post = (template: string, body: unknown, key: string, params?: Record<string, string>) =>
    callApi({ method: 'post', template, params, headers: { authorization: keys.admin, 'idempotency-key': key }, body });

  it('a create with the same body in another key order is the same request; another body is a 409', async () => {
    const first = await post(C, { topic: 'Same', priority: 'HIGH' }, 'same-body');
    const second = await post(C, { priority: 'HIGH', topic: 'Same' }, 'same-body');
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json).toEqual(first.json);
    expect((await post(C, { topic: 'Other' }, 'same-body')).status).toBe(409);
    expect(await ctx.prisma.conversation.count({ where: { topic: 'Same' } })).toBe(1);
  });

  it('concurrent creates with one key make one conversation, and every answer names it', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => post(C, { topic: 'Raced key' }, 'raced')));
    const ids = results.filter((r) => r.status === 200).map((r) => (r.json as { id: string }).id);
    expect(new Set(ids).size).toBe(1);
    expect(await ctx.prisma.conversation.count({ where: { topic: 'Raced key' } })).toBe(1);
  });

  it('a claim left in flight by a dead process is taken over by a retry after a minute (messages)', async () => {
    const created = await post(C, { topic: 'For a message' }, 'for-message');
    const conversationId = (created.json as { id: string }).id;
    const M = `${C}/{conversationId}/messages`;
    const body = { direction: 'INBOUND', channel: 'SMS', from: '+491', content: { text: 'after a crash' } };
    await ctx.prisma.idempotencyRecord.create({
      data: { apiKeyId: keyId, key: 'stale', method: 'POST', path: `/ccaas/1/conversations/${conversationId}/messages`, requestHash: 'x', createdAt: new Date(Date.now() - 5 * 60_000) },
    });
    const res = await post(M, body, 'stale', { conversationId });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect((await ctx.prisma.idempotencyRecord.findFirstOrThrow({ where: { apiKeyId: keyId, key: 'stale' } })).statusCode).toBe(200);
  });
});
