import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import { counts, makeConversation, makeInbox, makeQueue, makeUser, type UserActor } from '../test/fixtures';
import type { PrismaClient } from '../generated/prisma/client';

// The conversation and API-key actions as the browser calls them: the session comes from a mocked
// next-auth, the role and visibility from the database. Arguments are whatever a browser sends.
const state = vi.hoisted(() => ({ userId: undefined as string | undefined, prisma: undefined as unknown }));
vi.mock('next-auth', () => ({ getServerSession: async () => (state.userId ? { userId: state.userId } : null) }));
vi.mock('../db', () => ({ db: () => state.prisma }));
vi.mock('react', () => ({ cache: <T>(fn: T) => fn }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/navigation', () => ({ unstable_rethrow: () => {}, redirect: () => {}, forbidden: () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const actions = await import('./conversations');
const keys = await import('./api-keys');

describeEachEngine('conversation and API key actions', (ctx) => {
  let ana: UserActor;
  let ben: UserActor;
  let admin: UserActor;
  let mine: string;
  let hidden: string;
  let anasInboxId: string;

  beforeAll(async () => {
    const p = ctx.prisma;
    [ana, ben, admin] = await Promise.all([makeUser(p, 'AGENT'), makeUser(p, 'AGENT'), makeUser(p, 'ADMIN')]);
    const anasInbox = await makeInbox(p, { collaborators: [ana.id] });
    anasInboxId = anasInbox.id;
    const bensQueue = await makeQueue(p, [ben.id]);
    mine = (await makeConversation(p, { inboxId: anasInbox.id, status: 'OPEN' })).id;
    hidden = (await makeConversation(p, { queueId: bensQueue.id, agentId: ben.id, status: 'OPEN' })).id;
  });

  beforeEach(() => {
    state.prisma = ctx.prisma as PrismaClient;
    state.userId = ana.id;
  });

  it('works a visible conversation: reply, properties, tags', async () => {
    expect(await actions.sendReplyAction({ conversationId: mine, text: 'Hello from the console' })).toMatchObject({ ok: true });
    expect(await actions.updateConversationAction({ conversationId: mine, status: 'WAITING', priority: 'HIGH', topic: 'Parcel' })).toEqual({ ok: true, data: { id: mine } });
    expect(await actions.addTagAction({ conversationId: mine, tagName: 'vip' })).toEqual({ ok: true, data: { name: 'vip', added: true } });
    expect(await actions.removeTagAction({ conversationId: mine, tagName: 'vip' })).toEqual({ ok: true, data: { name: 'vip' } });
    const c = await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: mine }, include: { messages: true, tags: true } });
    expect(c).toMatchObject({ status: 'WAITING', priority: 'HIGH', topic: 'Parcel', tags: [] });
    expect(c.messages).toMatchObject([{ direction: 'OUTBOUND', authorType: 'AGENT', authorId: ana.id, text: 'Hello from the console' }]);
  });

  it('answers NOT_FOUND for a conversation the agent may not see, and changes nothing', async () => {
    const before = await counts(ctx.prisma);
    for (const result of [
      await actions.sendReplyAction({ conversationId: hidden, text: 'Sneaky' }),
      await actions.updateConversationAction({ conversationId: hidden, status: 'CLOSED' }),
      await actions.addTagAction({ conversationId: hidden, tagName: 'sneaky' }),
    ]) {
      expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Conversation not found.' } });
    }
    expect(await counts(ctx.prisma)).toEqual(before);
  });

  it('parses what the browser sends: ids must be strings, and only the four properties can be patched', async () => {
    const before = await counts(ctx.prisma);
    // A filter object in place of an id must never reach a query as a where clause.
    const objectId = (await actions.updateConversationAction({ conversationId: { not: 'x' } as unknown as string, priority: 'LOW' })) as { ok: false; error: { code: string } };
    expect(objectId.ok).toBe(false);
    expect(objectId.error.code).toBe('BAD_REQUEST');
    const assign = await actions.updateConversationAction({ conversationId: mine, agentId: ana.id } as never);
    expect(assign).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const badTag = await actions.addTagAction({ conversationId: mine, tagName: 'no spaces' });
    expect(badTag).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: { tagName: [expect.stringContaining('Tag names')] } } });
    // Not even an object: refused as bad input, not a crash.
    expect(await actions.sendReplyAction(undefined as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await actions.assignConversationAction(null as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await actions.updateConversationAction('x' as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const empty = await actions.sendReplyAction({ conversationId: mine, text: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: { 'content.text': ['Required.'] } } });
    expect(await counts(ctx.prisma)).toEqual(before);
  });

  it('refuses every change once the conversation is closed', async () => {
    const closed = (await makeConversation(ctx.prisma, { agentId: ana.id, status: 'CLOSED', closedAt: new Date() })).id;
    const before = await counts(ctx.prisma);
    const refusal = { ok: false, error: { code: 'BAD_REQUEST', message: 'Closed conversation cannot be changed.' } };
    expect(await actions.sendReplyAction({ conversationId: closed, text: 'Too late' })).toEqual(refusal);
    expect(await actions.updateConversationAction({ conversationId: closed, status: 'OPEN' })).toEqual(refusal);
    expect(await actions.addTagAction({ conversationId: closed, tagName: 'late' })).toEqual(refusal);
    expect(await counts(ctx.prisma)).toEqual(before);
  });

  it('sends a visible conversation back to routing (the inbox "r" shortcut); refuses hidden and closed ones', async () => {
    // WAITING: auto-assignment may give it back to Ana, and the list test below counts her OPEN ones.
    const taken = (await makeConversation(ctx.prisma, { inboxId: anasInboxId, agentId: ana.id, status: 'WAITING' })).id;
    expect(await actions.routeConversationAction({ conversationId: taken })).toMatchObject({ ok: true, data: { id: taken } });
    const events = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: taken }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['ASSIGNEE_CHANGED', 'ROUTED']));

    const closed = (await makeConversation(ctx.prisma, { inboxId: anasInboxId, status: 'CLOSED', closedAt: new Date() })).id;
    const before = await counts(ctx.prisma);
    expect(await actions.routeConversationAction({ conversationId: hidden })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Conversation not found.' } });
    expect(await actions.routeConversationAction({ conversationId: closed })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await counts(ctx.prisma)).toEqual(before);
  });

  it('refuses a visitor without a session', async () => {
    state.userId = undefined;
    expect(await actions.listConversationsAction({})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await actions.sendReplyAction({ conversationId: mine, text: 'Hi' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('lists with the URL filters, "me" being the signed-in agent, and plain serialisable rows', async () => {
    const assigned = await makeConversation(ctx.prisma, { agentId: ana.id, status: 'OPEN', topic: 'Assigned to Ana' });
    const result = await actions.listConversationsAction({ assignee: 'me', status: 'OPEN' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.items.map((c) => c.id)).toEqual([assigned.id]);
    expect(typeof result.data.items[0].createdAt).toBe('string');
    expect(result.data.counts.OPEN).toBeGreaterThanOrEqual(1);
    // The agent's list never includes what they may not see, whatever the filter asks.
    const everything = await actions.listConversationsAction({ assignee: ben.id });
    expect(everything.ok && everything.data.items.map((c) => c.id)).not.toContain(hidden);
  });

  it('keeps unexpected failures on the server: a generic message, the details logged', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    state.prisma = new Proxy(ctx.prisma, {
      get: (target, prop) => (prop === '$transaction' ? () => Promise.reject(new Error('connection reset by peer at 10.0.0.7')) : Reflect.get(target, prop)),
    });
    const result = await actions.sendReplyAction({ conversationId: mine, text: 'Hello' });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. Try again.' } });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('lets only admins create and revoke API keys; the key is returned once', async () => {
    expect(await keys.createApiKeyAction({ name: 'Bot', role: 'AGENT' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'You do not have permission to do this.' },
    });
    state.userId = admin.id;
    // People choose the owner: a user, or a new bot user.
    expect(await keys.createApiKeyAction({ name: 'Bot', role: 'SUPERVISOR' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: { owner: [expect.any(String)] } } });
    const created = await keys.createApiKeyAction({ name: 'Bot', role: 'SUPERVISOR', owner: { newBotUser: true } });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.data.owner).toMatchObject({ name: 'Bot', role: 'SUPERVISOR' });
    expect(created.data.key).toMatch(/^sbk_/);
    const row = await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(JSON.stringify(row)).not.toContain(created.data.key);
    expect(await keys.createApiKeyAction({ name: ' ', role: 'SUPERVISOR', owner: { newBotUser: true } })).toMatchObject({ ok: false, error: { fields: { name: ['Give the key a name.'] } } });

    state.userId = ana.id;
    expect(await keys.revokeApiKeyAction({ keyId: created.data.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    state.userId = admin.id;
    expect(await keys.revokeApiKeyAction({ keyId: created.data.id })).toEqual({ ok: true, data: { id: created.data.id } });
    expect(await keys.revokeApiKeyAction({ keyId: created.data.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
