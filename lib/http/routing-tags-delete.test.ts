import fs from 'node:fs';
import { beforeAll, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { makeConversation, uid } from '../test/fixtures';
import { callApi, makeTestKeys, type ApiCall, type ApiResult, type TestKeys } from '../test/api';
import { documentValidator } from '../test/openapi-ajv';
import { createApiKey } from '../auth/api-keys';
import { systemActor } from '../access/actor';
import { restoreRouteVersion } from '../domain/routing/route-list';
import { MemoryBus, setBus } from '../realtime/bus';
import type { BusEvent } from '../realtime/events';
import { openApiDocument } from './openapi';

// PUT /routing as reference clients write it (rules without names, read-only fields sent back,
// no If-Match), routeOnlyDuringWorkingHours kept, DELETE /routing as a version, and DELETE
// /tags/{tagName} with its timeline rows in a fixed number of statements.

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

type Json = Record<string, unknown>;
type Rule = Json & { id: string; name: string; order: number; routeOnlyDuringWorkingHours: boolean; updatedAt: string };
const reference = JSON.parse(fs.readFileSync(new URL('./reference/infobip-conversations.openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, { example?: unknown }> };
};
const ourDoc = documentValidator(JSON.parse(JSON.stringify(openApiDocument())), 'https://switchboard.test/openapi', { strict: true });
const R = '/ccaas/1/routing';

describeEachEngine('routing and tag deletes over HTTP', (ctx) => {
  let keys: TestKeys;
  let p: PrismaClient;
  let queues: string[];
  const admin = () => ({ authorization: keys.admin });

  async function call(c: ApiCall, status: number): Promise<ApiResult> {
    const res = await callApi(c);
    const where = `${c.method.toUpperCase()} ${c.template} → ${res.status} ${JSON.stringify(res.json)?.slice(0, 600)}`;
    expect(res.status, where).toBe(status);
    expect(ourDoc.response(c.method, c.template, status, res.json), `${where} (our document)`).toEqual([]);
    return res;
  }
  const read = async () => {
    const res = await call({ method: 'get', template: R, headers: admin() }, 200);
    return { etag: res.headers.get('etag')!, version: (res.json as { version: number }).version, routes: (res.json as { routes: Rule[] }).routes };
  };

  beforeAll(async () => {
    p = ctx.prisma as PrismaClient;
    state.prisma = p;
    keys = await makeTestKeys(p);
    queues = [];
    for (const name of ['Routing A', 'Routing B']) queues.push((await p.queue.create({ data: { name } })).id);
  });

  it('saves the reference’s rules without If-Match, a rule without a name included, and returns routeOnlyDuringWorkingHours', async () => {
    const rules: Json[] = (structuredClone(reference.components.schemas.CreateRuleApiRequest.example) as Json[]).map((r, i) => ({ ...r, queueId: queues[i % 2] }));
    delete rules[2].name;
    rules.push({ expression: { $eq: { 'message.channel': 'SMS' } }, queueId: queues[0], name: null, enabled: null, priority: null, routeOnlyDuringWorkingHours: null });
    const saved = await call({ method: 'put', template: R, headers: admin(), body: rules }, 200);
    const { version, routes } = await read();
    expect(saved.json).toMatchObject({ version });
    expect(routes.map((r) => [r.order, r.name, r.queueId, r.enabled, r.routeOnlyDuringWorkingHours])).toEqual([
      [1, 'First Rule', queues[0], true, true],
      [2, 'Second Rule', queues[1], true, false],
      [3, 'Rule 3', queues[0], true, false],
      [4, 'Rule 4', queues[0], true, false],
    ]);
    expect(await p.route.findMany({ orderBy: { position: 'asc' }, select: { routeOnlyDuringWorkingHours: true } })).toEqual([true, false, false, false].map((v) => ({ routeOnlyDuringWorkingHours: v })));
    const snapshot = await p.routeListVersion.findUniqueOrThrow({ where: { version } });
    expect((snapshot.routes as Json[]).map((r) => r.routeOnlyDuringWorkingHours)).toEqual([true, false, false, false]);
  });

  it('takes the list back as GET wrote it (queueName, order, isPrivate, timestamps) and leaves unchanged routes untouched', async () => {
    const before = await read();
    const back = before.routes.map((r) => ({ ...r, isPrivate: false }));
    await call({ method: 'put', template: R, headers: { ...admin(), 'if-match': before.etag }, body: back }, 200);
    const after = await read();
    expect(after.version).toBe(before.version + 1);
    expect(after.routes).toEqual(before.routes);
    // A type fault in the flag is still a fault.
    const bad = await call({ method: 'put', template: R, headers: admin(), body: [{ ...back[0], routeOnlyDuringWorkingHours: 'yes' }] }, 400);
    expect(JSON.stringify(bad.json)).toContain('0.routeOnlyDuringWorkingHours');
  });

  it('DELETE /routing empties the list as a new version, honours If-Match, and the history can restore it', async () => {
    const before = await read();
    const stale = await call({ method: 'delete', template: R, headers: { ...admin(), 'if-match': `"${before.version - 1}"` } }, 409);
    expect(stale.headers.get('etag')).toBe(before.etag);
    expect((await read()).routes).toHaveLength(before.routes.length);
    await call({ method: 'delete', template: R, headers: { ...admin(), 'if-match': 'not a version' } }, 400);
    const sup = `App ${(await createApiKey(p, systemActor('test'), { name: uid('sup'), role: 'SUPERVISOR' })).key}`;
    await call({ method: 'delete', template: R, headers: { authorization: keys.agent } }, 403);

    const gone = await call({ method: 'delete', template: R, headers: { authorization: sup, 'if-match': before.etag } }, 200);
    expect(gone.json).toEqual({ statusCode: 'SUCCESS', message: 'Routing deleted successfully.' });
    expect(gone.headers.get('etag')).toBe(`"${before.version + 1}"`);
    const after = await read();
    expect(after).toMatchObject({ version: before.version + 1, routes: [] });
    expect(await p.route.count()).toBe(0);
    expect(await p.routeListVersion.findUniqueOrThrow({ where: { version: after.version } })).toMatchObject({ routes: [] });

    // Without If-Match, whatever is current is deleted (again an empty version).
    await call({ method: 'delete', template: R, headers: admin() }, 200);
    const restored = await restoreRouteVersion(p, systemActor('test'), { version: before.version, baseVersion: null });
    expect(restored.routes.map((r) => [r.name, r.routeOnlyDuringWorkingHours])).toEqual(before.routes.map((r) => [r.name, r.routeOnlyDuringWorkingHours]));
  });

  it('DELETE /tags/{tagName} takes the tag off every conversation with a timeline entry each, in a fixed number of statements', async () => {
    async function tagged(count: number, closedToo = false) {
      const tag = await p.tag.create({ data: { name: uid('gone') } });
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const c = await makeConversation(p, { status: closedToo && i === 0 ? 'CLOSED' : 'OPEN' });
        await p.conversationTag.create({ data: { conversationId: c.id, tagId: tag.id } });
        ids.push(c.id);
      }
      const keep = await p.tag.create({ data: { name: uid('kept') } });
      await p.conversationTag.create({ data: { conversationId: ids[0], tagId: keep.id } });
      return { tag, keep, ids };
    }
    const del = (tagName: string, status: number, authorization = keys.admin) => call({ method: 'delete', template: '/ccaas/1/tags/{tagName}', params: { tagName }, headers: { authorization } }, status);

    const small = await tagged(2);
    let n = ctx.queryCount();
    await del(small.tag.name, 200);
    const fewStatements = ctx.queryCount() - n;

    const big = await tagged(6, true);
    const before = await p.conversation.findMany({ where: { id: { in: big.ids } }, select: { id: true, updatedAt: true } });
    const mem = new MemoryBus();
    const previous = setBus(mem);
    const got: BusEvent[] = [];
    mem.subscribe((e) => got.push(e));
    n = ctx.queryCount();
    const res = await del(big.tag.name, 200).finally(() => setBus(previous));
    expect(ctx.queryCount() - n).toBe(fewStatements);
    await mem.close();
    // One realtime note per conversation that lost the tag, after commit.
    const notes = got.flatMap((e) => (e.type === 'conversation' ? [[e.id, e.changes]] : []));
    expect(notes.sort()).toEqual([...big.ids].sort().map((id) => [id, ['tags']]));
    expect(res.json).toEqual({ statusCode: 'SUCCESS', message: 'Tag deleted successfully.' });

    expect(await p.tag.count({ where: { id: big.tag.id } })).toBe(0);
    expect(await p.conversationTag.count({ where: { tagId: big.tag.id } })).toBe(0);
    expect(await p.conversationTag.count({ where: { tagId: big.keep.id } })).toBe(1);
    const events = await p.timelineEvent.findMany({ where: { conversationId: { in: big.ids }, kind: 'TAG_REMOVED' } });
    expect(events.map((e) => e.conversationId).sort()).toEqual([...big.ids].sort());
    for (const e of events) expect(e).toMatchObject({ before: { tag: big.tag.name }, actorKind: 'API_KEY', reason: `tag ${big.tag.name} was deleted` });
    const after = await p.conversation.findMany({ where: { id: { in: big.ids } }, select: { id: true, updatedAt: true } });
    for (const c of after) expect(c.updatedAt.getTime()).toBeGreaterThan(before.find((b) => b.id === c.id)!.updatedAt.getTime());

    const missing = await del(big.tag.name, 404);
    expect(JSON.stringify(missing.json)).toContain('NOT_FOUND');
    await del('not a tag', 400);
    await del(big.keep.name, 403, keys.agent);
    expect(await p.tag.count({ where: { id: big.keep.id } })).toBe(1);
  });
});
