import fs from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, exportedMethods, makeTestKeys, routeFiles, type ApiCall, type ApiResult, type TestKeys } from '../test/api';
import { documentValidator } from '../test/openapi-ajv';
import * as schemas from '../validation/api-responses';
import { apiAgentSchema } from '../validation/api-responses-agents';
import { openApiDocument } from './openapi';

// The route handlers call `db()` (lib/http/handler.ts); here it is the suite's test database.
// vi.mock is hoisted above the imports and matches the module however it is imported.
const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

// An unchanged copy of /work/shared/reference/infobip-conversations.openapi.json, kept in the repo so CI has it.
type Reference = { paths: Record<string, Record<string, { operationId: string }>> } & Record<string, unknown>;
const reference = JSON.parse(fs.readFileSync(new URL('./reference/infobip-conversations.openapi.json', import.meta.url), 'utf8')) as Reference;
const ours = openApiDocument();
const refDoc = documentValidator(reference, 'https://reference.test/infobip', { strict: false });
const ourDoc = documentValidator(JSON.parse(JSON.stringify(ours)), 'https://switchboard.test/openapi', { strict: true });

/** Checks a response against the reference, our own document and our zod response schema. */
function expectContract(call: ApiCall, res: ApiResult, status: number, own?: z.ZodType) {
  const where = `${call.method.toUpperCase()} ${call.template} → ${res.status} ${JSON.stringify(res.json).slice(0, 400)}`;
  expect(res.status, where).toBe(status);
  expect(ourDoc.documents(call.method, call.template, status), `${where}: status not in our document`).toBe(true);
  expect(ourDoc.response(call.method, call.template, status, res.json), where).toEqual([]);
  if (status < 300) {
    // Operations the reference lacks (this document, GET one queue) have only our own contract.
    if (refDoc.documents(call.method, call.template, status)) expect(refDoc.response(call.method, call.template, status, res.json), `${where} (reference)`).toEqual([]);
    if (own) expect(own.safeParse(res.json).error?.issues ?? [], where).toEqual([]);
  } else {
    expect(refDoc.component('ApiException', res.json), `${where} (reference)`).toEqual([]);
    expect(schemas.apiErrorSchema.safeParse(res.json).error?.issues ?? [], where).toEqual([]);
  }
}

async function expectCall(call: ApiCall, status: number, own?: z.ZodType): Promise<ApiResult> {
  const res = await callApi(call);
  expectContract(call, res, status, own);
  return res;
}

const C = '/ccaas/1/conversations';
const ONE = `${C}/{conversationId}`;
const Q = '/ccaas/1/queues';

describe('our OpenAPI document', () => {
  it('lists every route handler under app/ccaas/1 with the methods it exports, and nothing more', async () => {
    const served: string[] = [];
    for (const r of routeFiles()) for (const m of await exportedMethods(r.file)) served.push(`${m.toUpperCase()} ${r.template}`);
    const documented = Object.entries(ours.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(served.length).toBeGreaterThanOrEqual(12);
    expect(documented.sort()).toEqual(served.sort());
  });

  it('is valid JSON Schema 2020-12 under strict Ajv, with unique operation ids and declared path parameters', () => {
    ourDoc.compileAll();
    const ops = Object.entries(ours.paths).flatMap(([p, item]) => Object.values(item).map((op) => ({ p, op })));
    expect(new Set(ops.map(({ op }) => op.operationId)).size).toBe(ops.length);
    for (const { p, op } of ops) {
      const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(op.parameters.filter((x) => x.in === 'path').map((x) => x.name), p).toEqual(inPath);
    }
  });

  it('is as strict as the server: what the server refuses, the document refuses too', () => {
    // A customer with nothing to find or create them by; blank message text.
    expect(ourDoc.component('CreateConversationApiRequest', { customer: {} })).not.toEqual([]);
    expect(ourDoc.component('CreateConversationApiRequest', { customer: { name: 'Ada' } })).not.toEqual([]);
    expect(ourDoc.component('CreateConversationApiRequest', { customer: { phone: '+4915112345678' } })).toEqual([]);
    expect(ourDoc.component('CreateConversationApiRequest', { message: { text: '   ' } })).not.toEqual([]);
    for (const text of ['', ' \n ']) expect(ourDoc.component('CreateMessageApiRequest', { contentType: 'TEXT', content: { text } }), JSON.stringify(text)).not.toEqual([]);
    // Path parameters carry the pattern the server parses them with.
    const tagDelete = ours.paths['/ccaas/1/conversations/{conversationId}/tags/{tagName}'].delete!;
    const tagParam = tagDelete.parameters.find((x) => x.name === 'tagName')!;
    expect(new RegExp(tagParam.schema.pattern as string).test('not a tag!')).toBe(false);
    expect(new RegExp(tagParam.schema.pattern as string).test('strong_auth')).toBe(true);
    // Dates: a 26th month is refused by the pattern, as by the server.
    const createdAfter = ours.paths['/ccaas/1/conversations'].get!.parameters.find((x) => x.name === 'createdAfter')!;
    const date = new RegExp(createdAfter.schema.pattern as string);
    expect(date.test('2025-26-01T10:00:00.000+0000')).toBe(false);
    expect(date.test('2025-04-24T25:00:00.000+0000')).toBe(false);
    expect(date.test('2025-04-24T11:25:41.058+0000')).toBe(true);
  });

  it('uses the reference’s operation ids for the operations the reference has', () => {
    for (const [p, item] of Object.entries(ours.paths)) {
      for (const [m, op] of Object.entries(item)) {
        const theirs = reference.paths[p]?.[m];
        if (theirs) expect(op.operationId, `${m} ${p}`).toBe(theirs.operationId);
      }
    }
  });
});

describeEachEngine('the /ccaas/1 API against its contract', (ctx) => {
  let keys: TestKeys;
  let inboxId: string;
  let conversationId: string;
  let routedId: string;
  const admin = () => ({ authorization: keys.admin });

  beforeAll(async () => {
    const p = ctx.prisma as PrismaClient;
    state.prisma = p;
    keys = await makeTestKeys(p);
    inboxId = (await p.inbox.create({ data: { name: 'Contract chat', channel: 'WHATSAPP', collaborators: { create: { userId: keys.agentUserId } } } })).id;
  });

  it('creates a conversation with customer, tags and first message (idempotently)', async () => {
    const body = {
      topic: 'Card blocked',
      summary: 'Customer cannot pay',
      priority: 'HIGH',
      inboxId,
      channel: 'WHATSAPP',
      tags: ['vip', 'card'],
      customer: { email: 'ada@example.com', name: 'Ada', country: 'DE', attributes: { tier: 'gold' } },
      message: { text: 'My card is blocked', from: '+4915112345678', to: 'bank' },
    };
    expect(ourDoc.component('CreateConversationApiRequest', body)).toEqual([]);
    const call: ApiCall = { method: 'post', template: C, headers: { ...admin(), 'idempotency-key': 'contract-create-1' }, body };
    const first = await expectCall(call, 200, schemas.apiConversationSchema);
    const created = schemas.apiConversationSchema.parse(first.json);
    expect(created).toMatchObject({ topic: 'Card blocked', status: 'OPEN', priority: 'HIGH', channel: 'WHATSAPP', inboxId, tags: ['vip', 'card'] });
    conversationId = created.id;

    const replay = await expectCall(call, 200, schemas.apiConversationSchema);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await expectCall({ ...call, body: { ...body, topic: 'Another' } }, 409);
  });

  it('lists, reads and filters conversations', async () => {
    const list = await expectCall(
      { method: 'get', template: C, headers: admin(), query: { status: 'OPEN', tagNames: ['vip'], limit: '5', orderBy: 'createdAt:desc' } },
      200,
      schemas.apiConversationPageSchema,
    );
    expect(schemas.apiConversationPageSchema.parse(list.json).pagination).toEqual({ totalItems: 1, page: 0, limit: 5, orderBy: 'createdAt:desc' });
    await expectCall({ method: 'get', template: ONE, params: { conversationId }, headers: admin() }, 200, schemas.apiConversationSchema);
    await expectCall({ method: 'get', template: C, headers: admin(), query: { createdAfter: '2025-04-24T11:25:41.058+0000' } }, 200);
    await expectCall({ method: 'get', template: C, headers: admin(), query: { limit: '1000', status: 'DONE' } }, 400);
    // A day its month does not have is refused, not rolled over into the next month.
    await expectCall({ method: 'get', template: C, headers: admin(), query: { createdAfter: '2025-02-31T00:00:00.000+0000' } }, 400);
    await expectCall({ method: 'get', template: C, headers: admin(), query: { createdAfter: '2024-02-29T00:00:00.000+0000' } }, 200);
    // Empty parameters, as a client filling a template sends them, are absent.
    await expectCall({ method: 'get', template: C, headers: admin(), query: { orderBy: '', agentId: '', status: '' } }, 200);
  });

  it('changes a conversation with PATCH and PUT', async () => {
    const patch: ApiCall = { method: 'patch', template: ONE, params: { conversationId }, headers: admin(), body: { priority: 'URGENT', topic: 'Card still blocked' } };
    const patched = await expectCall(patch, 200, schemas.apiConversationSchema);
    expect(patched.json).toMatchObject({ priority: 'URGENT', topic: 'Card still blocked', summary: 'Customer cannot pay' });
    const put: ApiCall = { method: 'put', template: ONE, params: { conversationId }, headers: admin(), body: { topic: 'Replaced', status: 'WAITING' } };
    const replaced = schemas.apiConversationSchema.parse((await expectCall(put, 200, schemas.apiConversationSchema)).json);
    expect(replaced).toMatchObject({ topic: 'Replaced', status: 'WAITING', priority: 'NORMAL' });
    expect(replaced.summary).toBeUndefined();
    await expectCall({ ...patch, body: { status: 'LATER' } }, 400);
    await expectCall({ ...patch, body: { unknownField: 1 } }, 400);
    // The path names the conversation: a body naming another one is refused, and nothing changes.
    const clash = await expectCall({ ...patch, body: { conversationId: 'another-one', topic: 'Moved?' } }, 400);
    expect(clash.json).toMatchObject({ requestError: { serviceException: { validationErrors: { conversationId: ['Does not match the path.'] } } } });
    expect((await expectCall({ method: 'get', template: ONE, params: { conversationId }, headers: admin() }, 200)).json).toMatchObject({ topic: 'Replaced' });
  });

  it('adds, lists and removes tags', async () => {
    const params = { conversationId };
    const added = await expectCall({ method: 'post', template: `${ONE}/tags`, params, headers: admin(), body: { tagName: 'escalated' } }, 200, schemas.apiStatusSchema);
    expect(added.json).toMatchObject({ statusCode: 'SUCCESS' });
    const tags = await expectCall({ method: 'get', template: '/ccaas/1/tags', headers: admin(), query: { conversationId } }, 200, schemas.apiTagPageSchema);
    expect(schemas.apiTagPageSchema.parse(tags.json).tags.map((t) => t.name).sort()).toEqual(['card', 'escalated', 'vip']);
    await expectCall({ method: 'delete', template: `${ONE}/tags/{tagName}`, params: { ...params, tagName: 'escalated' }, headers: admin() }, 200, schemas.apiStatusSchema);
    await expectCall({ method: 'delete', template: `${ONE}/tags/{tagName}`, params: { ...params, tagName: 'escalated' }, headers: admin() }, 404);
    await expectCall({ method: 'delete', template: `${ONE}/tags/{tagName}`, params: { ...params, tagName: 'not a tag!' }, headers: admin() }, 400);
    await expectCall({ method: 'post', template: '/ccaas/1/tags', headers: admin(), body: { name: 'billing' } }, 200, schemas.apiTagSchema);
    await expectCall({ method: 'post', template: '/ccaas/1/tags', headers: admin(), body: { name: '' } }, 400);
  });

  it('adds and lists messages', async () => {
    const params = { conversationId };
    const body = { channel: 'WHATSAPP', from: 'bank', to: '+4915112345678', contentType: 'TEXT', content: { text: 'We are on it.' } };
    expect(ourDoc.component('CreateMessageApiRequest', body)).toEqual([]);
    const sent = await expectCall({ method: 'post', template: `${ONE}/messages`, params, headers: admin(), body }, 200, schemas.apiMessageSchema);
    expect(sent.json).toMatchObject({ direction: 'OUTBOUND', authorType: 'BOT', content: { text: 'We are on it.' } });
    const page = await expectCall({ method: 'get', template: `${ONE}/messages`, params, headers: admin(), query: { orderBy: 'createdAt:asc' } }, 200, schemas.apiMessagePageSchema);
    expect(schemas.apiMessagePageSchema.parse(page.json).messages.map((m) => m.content.text)).toEqual(['My card is blocked', 'We are on it.']);
    await expectCall({ method: 'post', template: `${ONE}/messages`, params, headers: admin(), body: { content: {} } }, 400);
  });

  it('shows an agent key what SPEC §2 lets it see, and 404 for the rest', async () => {
    const own = await expectCall({ method: 'get', template: C, headers: { authorization: keys.agent } }, 200, schemas.apiConversationPageSchema);
    expect(schemas.apiConversationPageSchema.parse(own.json).conversations).toEqual([]);
    await expectCall({ method: 'get', template: ONE, params: { conversationId }, headers: { authorization: keys.agent } }, 404);
    await expectCall({ method: 'get', template: `${ONE}/messages`, params: { conversationId }, headers: { authorization: keys.agent } }, 404);
    // The agent user collaborates on the conversation's inbox, so their key sees it.
    const asUser = await expectCall({ method: 'get', template: C, headers: { authorization: keys.agentUser } }, 200, schemas.apiConversationPageSchema);
    expect(schemas.apiConversationPageSchema.parse(asUser.json).conversations.map((c) => c.id)).toEqual([conversationId]);
    await expectCall({ method: 'patch', template: ONE, params: { conversationId: 'no-such-id' }, headers: admin(), body: { priority: 'LOW' } }, 404);
  });

  it('refuses changes to a CLOSED conversation with 400 "Closed conversation cannot be changed."', async () => {
    const params = { conversationId };
    await expectCall({ method: 'patch', template: ONE, params, headers: admin(), body: { status: 'CLOSED' } }, 200, schemas.apiConversationSchema);
    const closed = { requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'Closed conversation cannot be changed.' } } };
    expect((await expectCall({ method: 'patch', template: ONE, params, headers: admin(), body: { priority: 'HIGH' } }, 400)).json).toEqual(closed);
    expect((await expectCall({ method: 'post', template: `${ONE}/tags`, params, headers: admin(), body: { tagName: 'late' } }, 400)).json).toEqual(closed);
    expect((await expectCall({ method: 'post', template: `${ONE}/messages`, params, headers: admin(), body: { content: { text: 'Hello?' } } }, 400)).json).toEqual(closed);
    expect((await expectCall({ method: 'put', template: `${ONE}/assignee`, params, headers: admin(), body: { agentId: keys.agentUserId } }, 400)).json).toEqual(closed);
    expect((await expectCall({ method: 'delete', template: `${ONE}/assignee`, params, headers: admin() }, 400)).json).toEqual(closed);
    expect((await expectCall({ method: 'post', template: `${ONE}/route`, params, headers: admin() }, 400)).json).toEqual(closed);
  });

  it('manages queues and their members', async () => {
    const created = await expectCall({ method: 'post', template: Q, headers: admin(), body: { name: 'Contract queue' } }, 200, schemas.apiQueueSchema);
    const queueId = schemas.apiQueueSchema.parse(created.json).id;
    await expectCall({ method: 'post', template: Q, headers: admin(), body: { name: 'Contract queue' } }, 400);
    await expectCall({ method: 'post', template: Q, headers: { authorization: keys.agent }, body: { name: 'Not mine' } }, 403);
    // Reading queues is for every role, as before the registry.
    await expectCall({ method: 'get', template: Q, headers: { authorization: keys.agent } }, 200, schemas.apiQueuePageSchema);
    await expectCall({ method: 'put', template: `${Q}/{queueId}`, params: { queueId }, headers: admin(), body: { name: 'Contract queue 2' } }, 200, schemas.apiQueueSchema);
    await expectCall({ method: 'get', template: `${Q}/{queueId}`, params: { queueId }, headers: admin() }, 200, schemas.apiQueueSchema);
    const member = { method: 'post', template: '/ccaas/1/agents/{agentId}/queues', params: { agentId: keys.agentUserId }, headers: admin() } as const;
    await expectCall({ ...member, body: { queueId } }, 200, schemas.apiStatusSchema);
    await expectCall({ ...member, body: { queueId: 'no-such-queue' } }, 400);
    const page = await expectCall({ method: 'get', template: Q, headers: admin(), query: { agentId: keys.agentUserId } }, 200, schemas.apiQueuePageSchema);
    expect(schemas.apiQueuePageSchema.parse(page.json).queues).toMatchObject([{ id: queueId, enabledAgentsCount: 1 }]);
    const remove = { method: 'delete', template: '/ccaas/1/agents/{agentId}/queues/{queueId}', params: { agentId: keys.agentUserId, queueId }, headers: admin() } as const;
    await expectCall(remove, 200, schemas.apiStatusSchema);
    await expectCall(remove, 404);
    await expectCall({ method: 'get', template: `${Q}/{queueId}`, params: { queueId: 'no-such-queue' }, headers: admin() }, 404);
  });

  it('saves the route list by version, simulates and routes a conversation', async () => {
    const queueId = schemas.apiQueueSchema.parse((await expectCall({ method: 'post', template: Q, headers: admin(), body: { name: 'WhatsApp queue' } }, 200)).json).id;
    // A one-condition expression: the reference types expression values as objects, which `$and: [...]` is not.
    const routes = [{ name: 'WhatsApp', expression: { $eq: { 'message.channel': 'WHATSAPP' } }, queueId, priority: 'HIGH' }];
    expect(ourDoc.component('UpdateRoutingApiRequest', routes)).toEqual([]);
    const saved = await expectCall({ method: 'put', template: '/ccaas/1/routing', headers: { ...admin(), 'if-match': '"0"' }, body: routes }, 200, schemas.apiRoutingSavedSchema);
    expect(saved.json).toMatchObject({ version: 1 });
    await expectCall({ method: 'put', template: '/ccaas/1/routing', headers: { ...admin(), 'if-match': '"0"' }, body: routes }, 409);
    await expectCall({ method: 'put', template: '/ccaas/1/routing', headers: admin(), body: [{ ...routes[0], expression: { $regex: {} } }] }, 400);
    const list = await expectCall({ method: 'get', template: '/ccaas/1/routing', headers: admin() }, 200, schemas.apiRoutingPageSchema);
    expect(list.headers.get('etag')).toBe('"1"');
    await expectCall({ method: 'delete', template: `${Q}/{queueId}`, params: { queueId }, headers: admin() }, 400);

    const body = { topic: 'Route me', channel: 'WHATSAPP', message: { text: 'Hi' } };
    const id = schemas.apiConversationSchema.parse((await expectCall({ method: 'post', template: C, headers: admin(), body }, 200)).json).id;
    const sim = await expectCall({ method: 'get', template: `${ONE}/simulate-routing`, params: { conversationId: id }, headers: admin() }, 200, schemas.apiSimulationSchema);
    expect(sim.json).toMatchObject({ id, queueId, priority: 'HIGH', routes: [{ matched: true }] });
    const routed = await expectCall({ method: 'post', template: `${ONE}/route`, params: { conversationId: id }, headers: admin() }, 200, schemas.apiConversationPageSchema);
    expect(schemas.apiConversationPageSchema.parse(routed.json).conversations[0]).toMatchObject({ id, queueId, priority: 'HIGH' });
    await expectCall({ method: 'post', template: `${ONE}/route`, params: { conversationId }, headers: admin() }, 400);
    routedId = id;
  });

  it('assigns conversations and sets agent status', async () => {
    const params = { conversationId: routedId };
    const assign = { method: 'put', template: `${ONE}/assignee`, params, headers: admin() } as const;
    const assigned = await expectCall({ ...assign, body: { agentId: keys.agentUserId } }, 200, schemas.apiConversationSchema);
    expect(assigned.json).toMatchObject({ agentId: keys.agentUserId });
    await expectCall({ ...assign, body: { agentId: 'nobody' } }, 400);
    const unassigned = await expectCall({ method: 'delete', template: `${ONE}/assignee`, params, headers: admin() }, 200, schemas.apiConversationSchema);
    expect(unassigned.json).not.toHaveProperty('agentId');
    await expectCall({ ...assign, params: { conversationId }, body: { agentId: keys.agentUserId } }, 400);

    const status = { method: 'put', template: '/ccaas/1/agents/{agentId}/status', params: { agentId: keys.agentUserId } } as const;
    const busy = await expectCall({ ...status, headers: admin(), body: { status: 'BUSY' } }, 200, apiAgentSchema);
    expect(busy.json).toMatchObject({ id: keys.agentUserId, status: 'BUSY', role: 'AGENT' });
    await expectCall({ ...status, headers: { authorization: keys.agentUser }, body: { status: 'ACTIVE' } }, 200, apiAgentSchema);
    await expectCall({ ...status, headers: { authorization: keys.agent }, body: { status: 'ACTIVE' } }, 403);
    await expectCall({ ...status, headers: admin(), body: { status: 'ONLINE' } }, 400);
    const heartbeat = { method: 'put', template: '/ccaas/1/agents/{agentId}/heartbeat', headers: admin() } as const;
    await expectCall({ ...heartbeat, params: { agentId: keys.agentUserId } }, 200, schemas.apiStatusSchema);
    await expectCall({ ...heartbeat, params: { agentId: 'nobody' } }, 404);
  });

  it('answers 401 on every operation without a valid key, and serves the document without one', async () => {
    for (const [template, item] of Object.entries(ours.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (op.security?.length === 0) continue;
        const m = method as ApiCall['method'];
        const params = { conversationId, tagName: 'vip', queueId: 'q', agentId: 'a' };
        const call: ApiCall = { method: m, template, params, ...(op.requestBody && { body: {} }) };
        await expectCall(call, 401);
        const res = await expectCall({ ...call, headers: { authorization: 'App sbk_not-a-real-key' } }, 401);
        expect(res.headers.get('www-authenticate')).toBe('App');
      }
    }
    const doc = await expectCall({ method: 'get', template: '/ccaas/1/openapi.json' }, 200);
    expect(doc.json).toEqual(JSON.parse(JSON.stringify(ours)));
  });

  it('answers unknown paths with the envelope', async () => {
    const res = await callApi({ method: 'get', template: '/ccaas/1/nothing/here', catchAll: true, headers: admin() });
    expect(res.status).toBe(404);
    expect(schemas.apiErrorSchema.safeParse(res.json).success).toBe(true);
  });
});
