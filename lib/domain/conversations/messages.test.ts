import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { counts, expectDomainError, makeApiKeyActor, makeConversation, makeUser, type UserActor } from '../../test/fixtures';
import { systemActor, type Actor } from '../../access/actor';
import { invoke } from '../../operations/operation';
import { addMessageOp, listMessagesOp } from '../../operations/tags-messages';
import { listMessages } from './messages';

describeEachEngine('conversation messages', (ctx) => {
  let sup: UserActor;
  let agent: UserActor;

  beforeAll(async () => {
    [sup, agent] = await Promise.all([makeUser(ctx.prisma, 'SUPERVISOR'), makeUser(ctx.prisma, 'AGENT')]);
  });

  const past = new Date('2025-01-01T00:00:00Z');
  const conv = (data: Parameters<typeof makeConversation>[1] = {}) => makeConversation(ctx.prisma, { channel: 'LIVE_CHAT', updatedAt: past, ...data });
  // Raw input through the operation, as callers send it: direction OUTBOUND and contentType TEXT are its defaults.
  const post = (actor: Actor, input: Record<string, unknown>) => invoke(addMessageOp, { db: ctx.prisma, actor }, input);
  const send = (id: string, input: Record<string, unknown>, actor: Actor = sup) => post(actor, { conversationId: id, content: { text: 'Hello' }, ...input });
  const firstPage = { page: 0, limit: 10, orderBy: 'createdAt:asc' };

  describe('authorship', () => {
    it('outbound by a user is AGENT, authored by them, on the conversation channel', async () => {
      const c = await conv();
      const m = await send(c.id, { from: 'support', to: 'customer', attributes: { draft: false } });
      expect(m).toMatchObject({
        conversationId: c.id,
        direction: 'OUTBOUND',
        channel: 'LIVE_CHAT',
        authorType: 'AGENT',
        authorId: sup.id,
        authorApiKeyId: null,
        text: 'Hello',
        from: 'support',
        to: 'customer',
        attributes: { draft: false },
      });
      expect(m.author).toEqual({ id: sup.id, name: sup.name });
    });

    it('outbound by an API key is BOT, with authorApiKeyId and no authorId', async () => {
      const key = await makeApiKeyActor(ctx.prisma, 'AGENT', agent.id);
      const c = await conv({ agentId: agent.id });
      const m = await send(c.id, { direction: 'OUTBOUND' }, key);
      expect(m).toMatchObject({ direction: 'OUTBOUND', authorType: 'BOT', authorApiKeyId: key.id, authorId: null });
    });

    it('outbound by the system is SYSTEM', async () => {
      const c = await conv();
      const m = await send(c.id, {}, systemActor('auto-reply'));
      expect(m).toMatchObject({ authorType: 'SYSTEM', authorId: null, authorApiKeyId: null });
    });

    it('inbound is the CUSTOMER, whoever posts it', async () => {
      const c = await conv();
      const key = await makeApiKeyActor(ctx.prisma, 'ADMIN');
      for (const actor of [sup, key] as Actor[]) {
        const m = await send(c.id, { direction: 'INBOUND', channel: 'WHATSAPP' }, actor);
        expect(m).toMatchObject({ direction: 'INBOUND', authorType: 'CUSTOMER', authorId: null, authorApiKeyId: null, channel: 'WHATSAPP' });
      }
    });
  });

  it('adding a message bumps conversation.updatedAt to the message time', async () => {
    const c = await conv();
    const m = await send(c.id, {});
    const after = await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.updatedAt.getTime()).toBeGreaterThan(past.getTime());
    expect(after.updatedAt).toEqual(m.createdAt);
  });

  it('is refused on a CLOSED conversation (400) and nothing is written', async () => {
    const c = await conv({ status: 'CLOSED', closedAt: past });
    const before = await counts(ctx.prisma);
    for (const direction of ['OUTBOUND', 'INBOUND']) {
      const e = await expectDomainError(send(c.id, { direction }), 'BAD_REQUEST');
      expect(e.message).toBe('Closed conversation cannot be changed.');
    }
    expect(await counts(ctx.prisma)).toEqual(before);
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).updatedAt).toEqual(past);
  });

  it('refuses invalid input with the fields named, writing nothing', async () => {
    const c = await conv();
    const before = await counts(ctx.prisma);
    await expectDomainError(post(sup, { conversationId: c.id, content: { text: '' } }), 'BAD_REQUEST', ['content.text']);
    await expectDomainError(post(sup, { conversationId: c.id, content: { text: 'x'.repeat(4097) } }), 'BAD_REQUEST', ['content.text']);
    await expectDomainError(post(sup, { conversationId: c.id }), 'BAD_REQUEST', ['content']);
    await expectDomainError(send(c.id, { direction: 'SIDEWAYS' }), 'BAD_REQUEST', ['direction']);
    await expectDomainError(send(c.id, { contentType: 'IMAGE' }), 'BAD_REQUEST', ['contentType']);
    await expectDomainError(send(c.id, { channel: 'PIGEON' }), 'BAD_REQUEST', ['channel']);
    expect(await counts(ctx.prisma)).toEqual(before);
  });

  it('an agent cannot read or write messages of a conversation they may not see (NOT_FOUND)', async () => {
    const c = await conv();
    await send(c.id, {});
    const before = await counts(ctx.prisma);
    await expectDomainError(send(c.id, {}, agent), 'NOT_FOUND');
    await expectDomainError(listMessages(ctx.prisma, agent, { conversationId: c.id, ...firstPage }), 'NOT_FOUND');
    await expectDomainError(listMessages(ctx.prisma, sup, { conversationId: 'no-such-conversation', ...firstPage }), 'NOT_FOUND');
    expect(await counts(ctx.prisma)).toEqual(before);
    // Assigned to them, they can.
    const mine = await conv({ agentId: agent.id });
    expect((await send(mine.id, {}, agent)).authorId).toBe(agent.id);
    expect((await listMessages(ctx.prisma, agent, { conversationId: mine.id, ...firstPage })).totalItems).toBe(1);
  });

  describe('listMessages', () => {
    let c: { id: string };
    const base = Date.parse('2025-03-01T10:00:00Z');
    // Seven messages a minute apart: even ones inbound, odd ones outbound.
    const at = (i: number) => new Date(base + i * 60_000);

    beforeAll(async () => {
      c = await conv();
      await ctx.prisma.message.createMany({
        data: Array.from({ length: 7 }, (_, i) => ({
          conversationId: c.id,
          direction: i % 2 ? ('OUTBOUND' as const) : ('INBOUND' as const),
          authorType: i % 2 ? ('AGENT' as const) : ('CUSTOMER' as const),
          channel: i === 6 ? ('SMS' as const) : ('LIVE_CHAT' as const),
          text: `m${i}`,
          createdAt: at(i),
        })),
      });
      // Another conversation's message must never appear.
      const other = await conv();
      await ctx.prisma.message.create({ data: { conversationId: other.id, direction: 'INBOUND', authorType: 'CUSTOMER', text: 'other', createdAt: at(3) } });
    });

    // Raw queries through the operation: the defaults (page 0, limit 10, createdAt:asc) and the refusals are its parsing.
    const list = (q: Record<string, unknown>) => invoke(listMessagesOp, { db: ctx.prisma, actor: sup }, { conversationId: c.id, ...q });

    it('lists oldest first by default, with pagination', async () => {
      const all = await list({ limit: 999 });
      expect(all.messages.map((m) => m.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
      expect(all).toMatchObject({ totalItems: 7, page: 0, limit: 999, orderBy: 'createdAt:asc' });
      const pages = await Promise.all([0, 1, 2, 3].map((page) => list({ limit: 3, page })));
      expect(pages.map((p) => p.messages.map((m) => m.text))).toEqual([['m0', 'm1', 'm2'], ['m3', 'm4', 'm5'], ['m6'], []]);
      expect(pages.every((p) => p.totalItems === 7)).toBe(true);
    });

    it('orders newest first with createdAt:desc', async () => {
      const res = await list({ orderBy: 'createdAt:desc', limit: 2 });
      expect(res.messages.map((m) => m.text)).toEqual(['m6', 'm5']);
      expect(res.orderBy).toBe('createdAt:desc');
    });

    it('filters by direction, channel and time', async () => {
      const inbound = await list({ direction: 'INBOUND', limit: 999 });
      expect(inbound.messages.map((m) => m.text)).toEqual(['m0', 'm2', 'm4', 'm6']);
      expect(inbound.totalItems).toBe(4);
      const outbound = await list({ direction: 'OUTBOUND', orderBy: 'createdAt:desc' });
      expect(outbound.messages.map((m) => m.text)).toEqual(['m5', 'm3', 'm1']);
      expect((await list({ channel: 'SMS' })).messages.map((m) => m.text)).toEqual(['m6']);
      const window = await list({ createdAfter: at(2).toISOString(), createdBefore: at(4).toISOString() });
      expect(window.messages.map((m) => m.text)).toEqual(['m2', 'm3']);
    });

    it('refuses a bad query', async () => {
      await expectDomainError(list({ direction: 'UP' }), 'BAD_REQUEST', ['direction']);
      await expectDomainError(list({ limit: 0 }), 'BAD_REQUEST', ['limit']);
      await expectDomainError(list({ orderBy: 'text:asc' }), 'BAD_REQUEST', ['orderBy']);
    });
  });
});
