import fs from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, makeTestKeys, type ApiCall, type TestKeys } from '../test/api';
import { documentValidator } from '../test/openapi-ajv';
import { apiConversationPageSchema, apiErrorSchema } from '../validation/api-responses';
import { apiAgentPageSchema, apiAgentSchema, apiCreatedAgentSchema } from '../validation/api-responses-agents';
import { uid } from '../test/fixtures';
import { openApiDocument } from './openapi';

// The Agents API through the real route handlers, held to our document and the reference's.
const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

const reference = JSON.parse(fs.readFileSync(new URL('./reference/infobip-conversations.openapi.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const refDoc = documentValidator(reference, 'https://reference.test/infobip', { strict: false });
const ourDoc = documentValidator(JSON.parse(JSON.stringify(openApiDocument())), 'https://switchboard.test/openapi', { strict: true });

const A = '/ccaas/1/agents';
const ONE = `${A}/{agentId}`;

async function expectCall(call: ApiCall, status: number, own?: z.ZodType) {
  const res = await callApi(call);
  const where = `${call.method.toUpperCase()} ${call.template} → ${res.status} ${JSON.stringify(res.json).slice(0, 400)}`;
  expect(res.status, where).toBe(status);
  expect(ourDoc.response(call.method, call.template, status, res.json), where).toEqual([]);
  if (status < 300) {
    if (refDoc.documents(call.method, call.template, status)) expect(refDoc.response(call.method, call.template, status, res.json), `${where} (reference)`).toEqual([]);
    if (own) expect(own.safeParse(res.json).error?.issues ?? [], where).toEqual([]);
  } else {
    expect(apiErrorSchema.safeParse(res.json).error?.issues ?? [], where).toEqual([]);
  }
  return res;
}

describeEachEngine('the Agents API', (ctx) => {
  let keys: TestKeys;
  let supervisorKey: string;
  const previousUrl = process.env.NEXTAUTH_URL;
  const admin = () => ({ authorization: keys.admin });
  const p = () => ctx.prisma as PrismaClient;

  beforeAll(async () => {
    state.prisma = ctx.prisma;
    process.env.NEXTAUTH_URL = 'https://switchboard.example/';
    keys = await makeTestKeys(p());
    const { createApiKey } = await import('../auth/api-keys');
    const { systemActor } = await import('../access/actor');
    supervisorKey = `App ${(await createApiKey(p(), systemActor('test'), { name: uid('sup'), role: 'SUPERVISOR' })).key}`;
  });
  afterAll(() => {
    process.env.NEXTAUTH_URL = previousUrl;
  });

  it('creates an agent with a one-time set-password link; the reference’s example body plus email', async () => {
    const email = `${uid('angus')}@example.com`;
    const body = { displayName: 'Angus Young', status: 'ACTIVE', role: 'SUPERVISOR', enabled: true, email };
    expect(ourDoc.component('AgentRequest', body)).toEqual([]);
    const res = await expectCall({ method: 'post', template: A, headers: admin(), body }, 200, apiCreatedAgentSchema);
    const created = apiCreatedAgentSchema.parse(res.json);
    expect(created).toMatchObject({ displayName: 'Angus Young', status: 'ACTIVE', availability: 'ACTIVE', role: 'SUPERVISOR', admin: false, enabled: true, email });
    expect(created.setPasswordUrl).toMatch(/^https:\/\/switchboard\.example\/set-password\?token=[A-Za-z0-9_-]{40,}$/);
    const row = await p().user.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ role: 'SUPERVISOR', status: 'ACTIVE', availability: 'ONLINE' });

    // Nulls for the optional, and read-only fields sent along, are accepted.
    const second = await expectCall({ method: 'post', template: A, headers: admin(), body: { displayName: 'Bon', status: 'INVISIBLE', role: 'AGENT', enabled: null, email: `${uid('bon')}@example.com`, id: null, createdAt: null } }, 200, apiCreatedAgentSchema);
    expect(second.json).toMatchObject({ status: 'INVISIBLE', availability: 'AWAY', enabled: true });

    const users = await p().user.count();
    const dup = await expectCall({ method: 'post', template: A, headers: admin(), body: { ...body, email: email.toUpperCase() } }, 400);
    expect(dup.json).toMatchObject({ requestError: { serviceException: { messageId: 'BAD_REQUEST', validationErrors: { email: ['Another account already uses this email.'] } } } });
    await expectCall({ method: 'post', template: A, headers: admin(), body: { displayName: 'No email', status: 'ACTIVE', role: 'AGENT' } }, 400);
    await expectCall({ method: 'post', template: A, headers: admin(), body: { ...body, email: `${uid('x')}@example.com`, role: 'ADMIN' } }, 400);
    await expectCall({ method: 'post', template: A, headers: admin(), rawBody: '{"displayName":' }, 400);
    // Only admins create agents: a supervisor or agent key is refused.
    await expectCall({ method: 'post', template: A, headers: { authorization: supervisorKey }, body: { ...body, email: `${uid('s')}@example.com` } }, 403);
    await expectCall({ method: 'post', template: A, headers: { authorization: keys.agentUser }, body: { ...body, email: `${uid('a')}@example.com` } }, 403);
    expect(await p().user.count()).toBe(users);
  });

  it('lists and reads agents: filters, paging, admins as SUPERVISOR with admin: true; supervisors may, agents may not', async () => {
    const tag = uid('list');
    const boss = await p().user.create({ data: { name: `${tag} Boss`, email: `boss.${tag}@t.example`, passwordHash: 'x', role: 'ADMIN' } });
    const agent = await p().user.create({ data: { name: `${tag} Agent`, email: `agent.${tag}@t.example`, passwordHash: 'x', role: 'AGENT', status: 'BUSY', availability: 'BUSY' } });
    const page = await expectCall({ method: 'get', template: A, headers: { authorization: supervisorKey }, query: { displayName: tag, role: 'SUPERVISOR' } }, 200, apiAgentPageSchema);
    expect(apiAgentPageSchema.parse(page.json)).toEqual({
      agents: [expect.objectContaining({ id: boss.id, role: 'SUPERVISOR', admin: true, status: 'AWAY', availability: 'AWAY' })],
      pagination: { totalItems: 1, page: 0, limit: 10, orderBy: 'id:asc' },
    });
    const busy = await expectCall({ method: 'get', template: A, headers: admin(), query: { displayName: tag, status: 'BUSY', availability: 'BUSY', enabled: 'true', agentIds: [agent.id, boss.id], limit: '1', page: '0', orderBy: 'createdAt:DESC' } }, 200, apiAgentPageSchema);
    expect(apiAgentPageSchema.parse(busy.json).agents.map((a) => a.id)).toEqual([agent.id]);
    // Empty parameters, as a form-filled client sends them.
    await expectCall({ method: 'get', template: A, headers: admin(), query: { displayName: '', status: '', role: '', createdAfter: '', limit: '' } }, 200, apiAgentPageSchema);
    await expectCall({ method: 'get', template: A, headers: admin(), query: { limit: '1000' } }, 400);
    await expectCall({ method: 'get', template: A, headers: admin(), query: { status: 'ONLINE' } }, 400);
    await expectCall({ method: 'get', template: A, headers: { authorization: keys.agentUser } }, 403);
    await expectCall({ method: 'get', template: A, headers: { authorization: keys.agent } }, 403);

    const one = await expectCall({ method: 'get', template: ONE, params: { agentId: agent.id }, headers: { authorization: supervisorKey } }, 200, apiAgentSchema);
    expect(one.json).toMatchObject({ id: agent.id, email: agent.email, role: 'AGENT', admin: false, status: 'BUSY', availability: 'BUSY' });
    await expectCall({ method: 'get', template: ONE, params: { agentId: 'nobody' }, headers: admin() }, 404);
    await expectCall({ method: 'get', template: ONE, params: { agentId: agent.id }, headers: { authorization: keys.agentUser } }, 403);
  });

  it('updates an agent; the admin read back and sent as it is stays an admin; nothing changes on a refusal', async () => {
    const tag = uid('upd');
    const boss = await p().user.create({ data: { name: `${tag} Boss`, email: `boss.${tag}@t.example`, passwordHash: 'x', role: 'ADMIN' } });
    const read = await expectCall({ method: 'get', template: ONE, params: { agentId: boss.id }, headers: admin() }, 200, apiAgentSchema);
    const asRead = read.json as Record<string, unknown>;
    const put: ApiCall = { method: 'put', template: ONE, params: { agentId: boss.id }, headers: admin(), body: asRead };
    const back = await expectCall(put, 200, apiAgentSchema);
    expect(back.json).toMatchObject({ role: 'SUPERVISOR', admin: true });
    await expectCall({ ...put, body: { ...asRead, role: 'AGENT', displayName: `${tag} Still Boss` } }, 200, apiAgentSchema);
    expect(await p().user.findUniqueOrThrow({ where: { id: boss.id } })).toMatchObject({ role: 'ADMIN', name: `${tag} Still Boss` });

    const before = await p().user.findUniqueOrThrow({ where: { id: boss.id } });
    await expectCall({ ...put, body: { ...asRead, status: 'ONLINE' } }, 400);
    await expectCall({ ...put, body: { ...asRead, email: 'someone.else@t.example' } }, 400);
    await expectCall({ ...put, body: { ...asRead, agentId: 'another' } }, 400);
    await expectCall({ ...put, body: { displayName: 'No status' } }, 400);
    await expectCall({ ...put, params: { agentId: 'nobody' }, body: { ...asRead, id: undefined } }, 404);
    await expectCall({ ...put, headers: { authorization: supervisorKey } }, 403);
    await expectCall({ ...put, headers: { authorization: keys.agentUser } }, 403);
    expect(await p().user.findUniqueOrThrow({ where: { id: boss.id } })).toEqual(before);

    // Status words are stored and read back; PUT …/status answers with the same agent JSON.
    const status = { method: 'put', template: `${ONE}/status`, params: { agentId: keys.agentUserId } } as const;
    for (const word of ['ACTIVE', 'BUSY', 'INVISIBLE', 'AWAY'] as const) {
      const res = await expectCall({ ...status, headers: admin(), body: { status: word } }, 200, apiAgentSchema);
      expect(res.json).toMatchObject({ id: keys.agentUserId, status: word, availability: word === 'INVISIBLE' ? 'AWAY' : word });
      const again = await expectCall({ method: 'get', template: ONE, params: { agentId: keys.agentUserId }, headers: admin() }, 200, apiAgentSchema);
      expect(again.json).toMatchObject({ status: word });
    }
  });

  it('lists an agent’s conversations as the key may see them; an unknown agent is a 404', async () => {
    const other = await p().user.create({ data: { name: uid('other'), email: `${uid('other')}@t.example`, passwordHash: 'x' } });
    const hidden = await p().inbox.create({ data: { name: uid('hidden') } });
    const mine = await p().conversation.create({ data: { topic: 'Mine', agentId: keys.agentUserId } });
    await p().conversation.create({ data: { topic: 'Theirs', agentId: other.id, inboxId: hidden.id } });
    const path = `${ONE}/conversations`;
    const own = await expectCall({ method: 'get', template: path, params: { agentId: keys.agentUserId }, headers: { authorization: keys.agentUser } }, 200, apiConversationPageSchema);
    expect(apiConversationPageSchema.parse(own.json).conversations.map((c) => c.id)).toContain(mine.id);
    const theirs = await expectCall({ method: 'get', template: path, params: { agentId: other.id }, headers: { authorization: keys.agentUser } }, 200, apiConversationPageSchema);
    expect(apiConversationPageSchema.parse(theirs.json)).toMatchObject({ conversations: [], pagination: { totalItems: 0 } });
    const all = await expectCall({ method: 'get', template: path, params: { agentId: other.id }, headers: admin(), query: { limit: '5', orderBy: 'createdAt:asc' } }, 200, apiConversationPageSchema);
    expect(apiConversationPageSchema.parse(all.json)).toMatchObject({ conversations: [{ topic: 'Theirs', agentId: other.id }], pagination: { totalItems: 1, page: 0, limit: 5, orderBy: 'createdAt:asc' } });
    await expectCall({ method: 'get', template: path, params: { agentId: 'nobody' }, headers: admin() }, 404);
    await expectCall({ method: 'get', template: path, params: { agentId: other.id }, headers: admin(), query: { limit: '0' } }, 400);
  });
});
