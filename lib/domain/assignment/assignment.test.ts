import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import type { Actor } from '../../access/actor';
import { createConversation } from '../conversations/create';
import { setAvailability } from '../presence';

const bot: Actor = { kind: 'system', id: 'system', role: 'ADMIN', name: 'System', reason: 'test' };

async function pool<T>(items: T[], workers: number, fn: (item: T) => Promise<unknown>) {
  let i = 0;
  await Promise.all(Array.from({ length: workers }, async () => { while (i < items.length) await fn(items[i++]); }));
}

describeEachEngine('assignment', (ctx) => {
  let n = 0;
  /** A fresh inbox with `count` collaborators in the given states (and a queue they are all in). */
  async function team(states: ('ONLINE' | 'BUSY' | 'OFFLINE')[]) {
    const p = ctx.prisma;
    const k = ++n;
    const users = [];
    for (const [i, availability] of states.entries()) {
      users.push(await p.user.create({ data: { email: `a${k}-${i}@as.example`, name: `Agent ${k}-${i}`, passwordHash: 'x', availability } }));
    }
    const inbox = await p.inbox.create({
      data: { name: `Inbox ${k}`, channel: 'SMS', collaborators: { create: users.map((u, position) => ({ userId: u.id, position })) } },
    });
    return { inbox, users };
  }
  const counts = async (inboxId: string) => {
    const rows = await ctx.prisma.conversation.groupBy({ by: ['agentId'], where: { inboxId }, _count: { _all: true } });
    return new Map(rows.map((r) => [r.agentId, r._count._all]));
  };

  beforeAll(async () => {
    // No routes: every conversation stays in its inbox without a queue, so the pool is the inbox's collaborators.
  });

  it('400 concurrent creates by 32 workers over 4 ONLINE agents: exactly 100 each, one assignee each, timeline agrees', async () => {
    const { inbox, users } = await team(['ONLINE', 'ONLINE', 'ONLINE', 'ONLINE']);
    await pool(Array.from({ length: 400 }, (_, i) => i), 32, (i) => createConversation(ctx.prisma, bot, { inboxId: inbox.id, topic: `c${i}` }));
    const c = await counts(inbox.id);
    expect(users.map((u) => c.get(u.id))).toEqual([100, 100, 100, 100]);
    expect(c.get(null)).toBeUndefined();
    const events = await ctx.prisma.timelineEvent.findMany({ where: { conversation: { inboxId: inbox.id }, kind: 'ASSIGNEE_CHANGED' }, select: { conversationId: true, after: true } });
    expect(events).toHaveLength(400);
    const convs = await ctx.prisma.conversation.findMany({ where: { inboxId: inbox.id }, select: { id: true, agentId: true } });
    const byId = new Map(convs.map((x) => [x.id, x.agentId]));
    for (const e of events) expect((e.after as { agentId: string }).agentId).toBe(byId.get(e.conversationId));
    const turn = (await ctx.prisma.inbox.findUniqueOrThrow({ where: { id: inbox.id } })).rrTurn;
    expect(turn).toBe(400); // never a skipped or repeated turn
  }, 300_000);

  it('with nobody ONLINE, new conversations spread round robin over all eligible agents; BUSY take nothing', async () => {
    const { inbox, users } = await team(['OFFLINE', 'OFFLINE', 'BUSY', 'OFFLINE']);
    for (let i = 0; i < 30; i++) await createConversation(ctx.prisma, bot, { inboxId: inbox.id });
    const c = await counts(inbox.id);
    expect(users.map((u) => c.get(u.id) ?? 0)).toEqual([10, 10, 0, 10]);
  });

  it('only ONLINE agents take part when some are ONLINE, in turn', async () => {
    const { inbox, users } = await team(['ONLINE', 'OFFLINE', 'ONLINE']);
    const got = [];
    for (let i = 0; i < 6; i++) got.push((await createConversation(ctx.prisma, bot, { inboxId: inbox.id })).agentId);
    expect(got).toEqual([users[0].id, users[2].id, users[0].id, users[2].id, users[0].id, users[2].id]);
  });

  it('an inbox with auto-assignment off leaves new conversations unassigned', async () => {
    const { inbox } = await team(['ONLINE']);
    await ctx.prisma.inbox.update({ where: { id: inbox.id }, data: { autoAssign: false } });
    expect((await createConversation(ctx.prisma, bot, { inboxId: inbox.id })).agentId).toBeNull();
  });

  it('an agent with 50 open conversations goes OFFLINE: they spread evenly over the ONLINE others; closed and solved stay', async () => {
    const { inbox, users } = await team(['ONLINE', 'ONLINE', 'ONLINE']);
    const [ana, ben, chen] = users;
    await ctx.prisma.conversation.createMany({
      data: [
        ...Array.from({ length: 50 }, (_, i) => ({ inboxId: inbox.id, agentId: ana.id, status: i % 2 ? ('OPEN' as const) : ('WAITING' as const) })),
        { inboxId: inbox.id, agentId: ana.id, status: 'SOLVED' as const },
        { inboxId: inbox.id, agentId: ana.id, status: 'CLOSED' as const },
      ],
    });
    const res = await setAvailability(ctx.prisma, ana.id, 'OFFLINE', 'went offline');
    expect(res).toEqual({ moved: 50, unassigned: 0 });
    const c = await counts(inbox.id);
    expect([c.get(ben.id), c.get(chen.id), c.get(ana.id)]).toEqual([25, 25, 2]);
    const ev = await ctx.prisma.timelineEvent.findFirst({ where: { conversation: { inboxId: inbox.id }, kind: 'ASSIGNEE_CHANGED' } });
    expect(ev).toMatchObject({ actorKind: 'SYSTEM', reason: `reassigned: ${ana.name} went offline — round robin` });
  });

  it('with nobody else ONLINE, the offline agent’s conversations become unassigned', async () => {
    const { inbox, users } = await team(['ONLINE', 'OFFLINE', 'BUSY']);
    await ctx.prisma.conversation.createMany({ data: Array.from({ length: 5 }, () => ({ inboxId: inbox.id, agentId: users[0].id })) });
    expect(await setAvailability(ctx.prisma, users[0].id, 'OFFLINE', 'signed out')).toEqual({ moved: 0, unassigned: 5 });
    expect((await counts(inbox.id)).get(null)).toBe(5);
    // The BUSY one is there but takes nothing: the reason says no eligible agent, not nobody online.
    const ev = await ctx.prisma.timelineEvent.findFirst({ where: { conversation: { inboxId: inbox.id }, kind: 'ASSIGNEE_CHANGED' } });
    expect(ev?.reason).toBe(`unassigned: ${users[0].name} signed out and no other eligible agent was online to take it`);
  });

  it('an inbox with reassignment off keeps the conversations with the offline agent', async () => {
    const { inbox, users } = await team(['ONLINE', 'ONLINE']);
    await ctx.prisma.inbox.update({ where: { id: inbox.id }, data: { reassignOnOffline: false } });
    await ctx.prisma.conversation.createMany({ data: Array.from({ length: 3 }, () => ({ inboxId: inbox.id, agentId: users[0].id })) });
    expect(await setAvailability(ctx.prisma, users[0].id, 'OFFLINE', 'went offline')).toEqual({ moved: 0, unassigned: 0 });
    expect((await counts(inbox.id)).get(users[0].id)).toBe(3);
  });
});
