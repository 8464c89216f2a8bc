import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import type { Actor } from '../../access/actor';
import { countByStatus, listConversations } from './list';
import { conversationListQuerySchema } from '../../validation/conversations';

const q = (over: Record<string, unknown> = {}) => conversationListQuerySchema.parse({ limit: 999, ...over });

describeEachEngine('listConversations', (ctx) => {
  let ana: Actor;
  let sup: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const p = ctx.prisma;
    const [a, b, s] = await Promise.all(
      ['ana', 'ben', 'sup'].map((n) =>
        p.user.create({ data: { email: `${n}@t.example`, name: n, passwordHash: 'x', role: n === 'sup' ? 'SUPERVISOR' : 'AGENT' } }),
      ),
    );
    ana = { kind: 'user', id: a.id, role: 'AGENT', name: 'ana', email: a.email };
    sup = { kind: 'user', id: s.id, role: 'SUPERVISOR', name: 'sup', email: s.email };
    const mine = await p.inbox.create({ data: { name: 'Mine', collaborators: { create: { userId: a.id } } } });
    const other = await p.inbox.create({ data: { name: 'Other', collaborators: { create: { userId: b.id } } } });
    const myQueue = await p.queue.create({ data: { name: 'My queue', members: { create: { userId: a.id } } } });
    const otherQueue = await p.queue.create({ data: { name: 'Other queue' } });
    const make = async (key: string, data: Record<string, unknown>) => {
      ids[key] = (await p.conversation.create({ data: { topic: key, ...data } })).id;
    };
    await make('inMyInbox', { inboxId: mine.id, status: 'OPEN' });
    await make('inMyQueue', { inboxId: other.id, queueId: myQueue.id, status: 'WAITING' });
    await make('assignedToMe', { inboxId: other.id, queueId: otherQueue.id, agentId: a.id, status: 'OPEN' });
    await make('notMine', { inboxId: other.id, queueId: otherQueue.id, agentId: b.id, status: 'CLOSED', priority: 'URGENT' });
    await make('nowhere', { status: 'OPEN' });
    const tag = await p.tag.create({ data: { name: 'vip' } });
    await p.conversationTag.create({ data: { conversationId: ids.inMyQueue, tagId: tag.id } });
  });

  it('shows an agent only what SPEC §2 allows: assigned, their inbox, their queue', async () => {
    const page = await listConversations(ctx.prisma, ana, q());
    expect(page.items.map((c) => c.topic).sort()).toEqual(['assignedToMe', 'inMyInbox', 'inMyQueue']);
    expect(page.totalItems).toBe(3);
  });

  it('shows a supervisor everything', async () => {
    const page = await listConversations(ctx.prisma, sup, q());
    expect(page.totalItems).toBe(5);
  });

  it('filters within what is visible, never beyond it', async () => {
    expect((await listConversations(ctx.prisma, ana, q({ status: 'CLOSED' }))).totalItems).toBe(0);
    expect((await listConversations(ctx.prisma, sup, q({ status: 'CLOSED' }))).items.map((c) => c.topic)).toEqual(['notMine']);
    expect((await listConversations(ctx.prisma, sup, q({ priority: 'URGENT' }))).totalItems).toBe(1);
    expect((await listConversations(ctx.prisma, ana, q({ tagNames: 'vip' }))).items.map((c) => c.topic)).toEqual(['inMyQueue']);
    expect((await listConversations(ctx.prisma, sup, q({ unassigned: 'true' }))).totalItems).toBe(3);
    expect(await countByStatus(ctx.prisma, ana)).toEqual({ OPEN: 2, WAITING: 1 });
  });

  it('paginates with a stable order', async () => {
    const first = await listConversations(ctx.prisma, sup, q({ limit: 2, page: 0 }));
    const second = await listConversations(ctx.prisma, sup, q({ limit: 2, page: 1 }));
    const third = await listConversations(ctx.prisma, sup, q({ limit: 2, page: 2 }));
    const seen = [...first.items, ...second.items, ...third.items].map((c) => c.id);
    expect(new Set(seen).size).toBe(5);
    expect(third.items).toHaveLength(1);
  });

  it('costs the same number of queries whatever the page size', async () => {
    const before = ctx.queryCount();
    await listConversations(ctx.prisma, sup, q({ limit: 1 }));
    const small = ctx.queryCount() - before;
    const mid = ctx.queryCount();
    await listConversations(ctx.prisma, sup, q({ limit: 999 }));
    const large = ctx.queryCount() - mid;
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});
