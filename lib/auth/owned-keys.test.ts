import { beforeAll, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi } from '../test/api';
import { expectDomainError, makeConversation, makeInbox, makeQueue, makeUser, uid, type UserActor } from '../test/fixtures';
import { systemActor } from '../access/actor';
import { parseOrThrow } from '../domain/errors';
import { setUserEnabled, setUserRole } from '../domain/users';
import { createApiKeySchema } from '../validation/api-keys';
import { BOT_EMAIL_DOMAIN, createApiKey, listApiKeys } from './api-keys';
import { verifyPassword } from './password';

// Issue 14, finding 5: API keys are owned by a user (SPEC §5) and act with that user's visibility
// and at most that user's role, as it is at request time; a disabled owner's keys answer 401.

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

type Json = Record<string, unknown>;

describeEachEngine('API keys owned by a user', (ctx) => {
  let admin: UserActor;
  const p = () => ctx.prisma as PrismaClient;
  // As the console door does it: the input is parsed once, then the domain runs.
  const create = async (input: unknown, actor: UserActor = admin) => createApiKey(p(), actor, parseOrThrow(createApiKeySchema, input));
  const get = (key: string, template: string, params?: Record<string, string>, query?: Record<string, string>) =>
    callApi({ method: 'get', template, params, query, headers: { authorization: `App ${key}` } });

  beforeAll(async () => {
    state.prisma = ctx.prisma;
    admin = await makeUser(p(), 'ADMIN');
  });

  it('an Agent key owned by an agent sees exactly what that agent sees, and 404 for the rest', async () => {
    const ana = await makeUser(p(), 'AGENT');
    const inbox = await makeInbox(p(), { collaborators: [ana.id] });
    const queue = await makeQueue(p(), [ana.id]);
    const inInbox = await makeConversation(p(), { inboxId: inbox.id });
    const inQueue = await makeConversation(p(), { queueId: queue.id });
    const assigned = await makeConversation(p(), { agentId: ana.id });
    const hidden = await makeConversation(p(), { inboxId: (await makeInbox(p())).id });

    const key = await create({ name: uid('ana-script'), role: 'AGENT', owner: { userId: ana.id } });
    expect(key.owner).toMatchObject({ id: ana.id, role: 'AGENT' });
    const list = await get(key.key, '/ccaas/1/conversations', undefined, { limit: '999' });
    expect(list.status).toBe(200);
    const ids = ((list.json as Json).conversations as Json[]).map((c) => c.id);
    expect(new Set(ids)).toEqual(new Set([inInbox.id, inQueue.id, assigned.id]));
    expect((await get(key.key, '/ccaas/1/conversations/{conversationId}', { conversationId: inInbox.id })).status).toBe(200);
    expect((await get(key.key, '/ccaas/1/conversations/{conversationId}', { conversationId: hidden.id })).status).toBe(404);
    // An agent's reach: supervisor reads are refused.
    expect((await get(key.key, '/ccaas/1/agents')).status).toBe(403);
  });

  it('refuses a key whose role exceeds its owner’s, by the role field, creating nothing', async () => {
    const ana = await makeUser(p(), 'AGENT');
    const sam = await makeUser(p(), 'SUPERVISOR');
    const before = { keys: await p().apiKey.count(), audit: await p().auditLog.count() };
    const refused = await expectDomainError(create({ name: uid('too-high'), role: 'SUPERVISOR', owner: { userId: ana.id } }), 'BAD_REQUEST', ['role']);
    expect(refused.message).toContain('cannot exceed its owner’s');
    await expectDomainError(create({ name: uid('too-high'), role: 'ADMIN', owner: { userId: sam.id } }), 'BAD_REQUEST', ['role']);
    await expectDomainError(create({ name: uid('nobody'), role: 'AGENT', owner: { userId: 'no-such-user' } }), 'BAD_REQUEST', ['owner.userId']);
    const off = await makeUser(p(), 'ADMIN', { enabled: false });
    await expectDomainError(create({ name: uid('off'), role: 'AGENT', owner: { userId: off.id } }), 'BAD_REQUEST', ['owner.userId']);
    // People must choose an owner; only the command line (the system) still makes a key of its own.
    await expectDomainError(create({ name: uid('ownerless'), role: 'AGENT' }), 'BAD_REQUEST', ['owner']);
    await expectDomainError(create({ name: uid('both'), role: 'AGENT', owner: { userId: ana.id, newBotUser: true } }), 'BAD_REQUEST', ['owner']);
    expect({ keys: await p().apiKey.count(), audit: await p().auditLog.count() }).toEqual(before);
    // Equal or lower is fine.
    expect((await create({ name: uid('ok'), role: 'SUPERVISOR', owner: { userId: sam.id } })).role).toBe('SUPERVISOR');
    expect((await create({ name: uid('ok'), role: 'AGENT', owner: { userId: sam.id } })).role).toBe('AGENT');
  });

  it('acts with the lower of its role and its owner’s current role: demoting the owner demotes the key', async () => {
    const sam = await makeUser(p(), 'SUPERVISOR');
    const hidden = await makeConversation(p(), { inboxId: (await makeInbox(p())).id });
    const key = await create({ name: uid('sam-script'), role: 'SUPERVISOR', owner: { userId: sam.id } });
    expect((await get(key.key, '/ccaas/1/conversations/{conversationId}', { conversationId: hidden.id })).status).toBe(200);
    expect((await get(key.key, '/ccaas/1/agents')).status).toBe(200);

    await setUserRole(p(), admin, { userId: sam.id, role: 'AGENT' });
    expect((await get(key.key, '/ccaas/1/conversations/{conversationId}', { conversationId: hidden.id })).status).toBe(404);
    expect((await get(key.key, '/ccaas/1/agents')).status).toBe(403);
    const listed = (await listApiKeys(p(), admin)).find((k) => k.id === key.id)!;
    expect(listed).toMatchObject({ role: 'SUPERVISOR', effectiveRole: 'AGENT' });

    // Promoting the owner back gives the key its own role again, never more.
    await setUserRole(p(), admin, { userId: sam.id, role: 'ADMIN' });
    expect((await get(key.key, '/ccaas/1/agents')).status).toBe(200);
    expect((await callApi({ method: 'post', template: '/ccaas/1/queues', body: { name: uid('q') }, headers: { authorization: `App ${key.key}` } })).status).toBe(200);
    // …but an admin owner does not lift a Supervisor key to admin.
    const agentBody = { displayName: uid('Agent'), email: `${uid('a')}@t.example`, role: 'AGENT', status: 'AWAY' };
    expect((await callApi({ method: 'post', template: '/ccaas/1/agents', body: agentBody, headers: { authorization: `App ${key.key}` } })).status).toBe(403);
    const agentKey = await create({ name: uid('sam-agent'), role: 'AGENT', owner: { userId: sam.id } });
    expect((await get(agentKey.key, '/ccaas/1/agents')).status).toBe(403);
  });

  it('answers 401 while the owner is disabled, and works again once they are enabled', async () => {
    const sam = await makeUser(p(), 'SUPERVISOR');
    const key = await create({ name: uid('sam-bot'), role: 'SUPERVISOR', owner: { userId: sam.id } });
    expect((await get(key.key, '/ccaas/1/agents')).status).toBe(200);
    await setUserEnabled(p(), admin, { userId: sam.id, enabled: false });
    const refused = await get(key.key, '/ccaas/1/agents');
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ requestError: { serviceException: { messageId: 'UNAUTHORIZED' } } });
    expect((await listApiKeys(p(), admin)).find((k) => k.id === key.id)?.owner).toMatchObject({ enabled: false });
    await setUserEnabled(p(), admin, { userId: sam.id, enabled: true });
    expect((await get(key.key, '/ccaas/1/agents')).status).toBe(200);
  });

  it('a new bot user owns a bot’s key: the key’s role, no usable password, capacity 0 (auto-assignment passes it by)', async () => {
    const name = uid('Authentication bot');
    const key = await create({ name, role: 'AGENT', owner: { newBotUser: true } });
    const bot = await p().user.findUniqueOrThrow({ where: { id: key.owner!.id } });
    expect(bot).toMatchObject({ name, role: 'AGENT', capacity: 0, enabled: true });
    expect(bot.email.endsWith(`@${BOT_EMAIL_DOMAIN}`)).toBe(true);
    expect(await verifyPassword('', bot.passwordHash)).toBe(false);
    expect(await p().apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({ userId: bot.id, role: 'AGENT', createdById: admin.id });
    // It sees what its user sees: nothing until an admin adds it to an inbox.
    const inbox = await makeInbox(p());
    const c = await makeConversation(p(), { inboxId: inbox.id });
    expect((await get(key.key, '/ccaas/1/conversations/{conversationId}', { conversationId: c.id })).status).toBe(404);
    await p().inboxCollaborator.create({ data: { inboxId: inbox.id, userId: bot.id } });
    expect((await get(key.key, '/ccaas/1/conversations/{conversationId}', { conversationId: c.id })).status).toBe(200);
    // Both the user and the key are in the audit log, from one transaction.
    const entries = await p().auditLog.findMany({ where: { entityId: { in: [bot.id, key.id] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(entries.map((e) => [e.entityType, e.action])).toEqual([
      ['USER', 'create'],
      ['API_KEY', 'create'],
    ]);
    expect(entries[1].after).toMatchObject({ name, role: 'AGENT', ownerId: bot.id, prefix: key.prefix });
    expect(JSON.stringify(entries)).not.toContain(key.key);
  });

  it('keys made before owners keep acting with their own role (the migration path), shown without owner', async () => {
    const legacy = await createApiKey(p(), systemActor('command line'), { name: uid('legacy'), role: 'SUPERVISOR' });
    expect(legacy.owner).toBeNull();
    expect((await get(legacy.key, '/ccaas/1/agents')).status).toBe(200);
    expect((await listApiKeys(p(), admin)).find((k) => k.id === legacy.id)).toMatchObject({ owner: null, effectiveRole: 'SUPERVISOR' });
  });
});
