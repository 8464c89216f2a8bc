import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import type { Actor } from '../../access/actor';
import type { AssignmentAlgorithm, Availability, Priority } from '../../generated/prisma/enums';
import { createConversation } from '../conversations/create';
import { updateConversation } from '../conversations/update';
import { assignConversation } from './manual';
import { drainWaiting } from './drain';
import { previewAssignment } from './explain';
import { simulateConversation } from '../routing/simulate';
import { sqlOf, type Sql } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { plainPickInlineCte } from './pick-sql';

const bot: Actor = { kind: 'system', id: 'system', role: 'ADMIN', name: 'System', reason: 'test' };
const CLOSED_WEEK = Object.fromEntries(
  ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((d) => [d, { startTime: 540, endTime: 1020, enabled: false }]),
);
const OPEN_WEEK = Object.fromEntries(Object.keys(CLOSED_WEEK).map((d) => [d, { startTime: 0, endTime: 1440, enabled: true }]));

describeEachEngine('assignment policies', (ctx) => {
  let n = 0;
  type Member = { availability?: Availability; capacity?: number | null; disconnected?: boolean };
  /** A fresh inbox and queue with these agents as collaborators and members, in this order. */
  async function team(members: Member[], queue: { algorithm?: AssignmentAlgorithm; sticky?: boolean; stickyDays?: number; autoAssign?: boolean } = {}) {
    const p = ctx.prisma;
    const k = ++n;
    const users = [];
    for (const [i, m] of members.entries()) {
      users.push(
        await p.user.create({
          data: {
            email: `p${k}-${i}@policy.example`,
            name: `Agent ${k}-${i}`,
            passwordHash: 'x',
            availability: m.availability ?? 'ONLINE',
            capacity: m.capacity ?? null,
            disconnectedAt: m.disconnected ? new Date() : null,
          },
        }),
      );
    }
    const inbox = await p.inbox.create({ data: { name: `Policy inbox ${k}`, channel: 'SMS', collaborators: { create: users.map((u, position) => ({ userId: u.id, position })) } } });
    const q = await p.queue.create({ data: { name: `Policy queue ${k}`, ...queue, members: { create: users.map((u) => ({ userId: u.id })) } } });
    const create = (extra: { priority?: Priority; customer?: { email: string }; topic?: string } = {}) =>
      createConversation(p, bot, { inboxId: inbox.id, queueId: q.id, ...extra });
    return { inbox, queue: q, users, create };
  }
  const openCounts = async (userIds: string[]) => {
    const rows = await ctx.prisma.conversation.groupBy({ by: ['agentId'], where: { agentId: { in: userIds }, status: { in: ['OPEN', 'WAITING'] } }, _count: { _all: true } });
    const m = new Map(rows.map((r) => [r.agentId, r._count._all]));
    return userIds.map((id) => m.get(id) ?? 0);
  };
  const reasonOf = async (conversationId: string) =>
    (await ctx.prisma.timelineEvent.findFirst({ where: { conversationId, kind: 'ASSIGNEE_CHANGED' }, orderBy: { id: 'desc' } }))?.reason;

  it('capacity 2 on three agents: 7 conversations → 6 assigned, 1 waits; a close hands the waiting one to the freed agent at once', async () => {
    const { users, create } = await team([{ capacity: 2 }, { capacity: 2 }, { capacity: 2 }]);
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await create({ topic: `cap ${i}` }));
    expect(await openCounts(users.map((u) => u.id))).toEqual([2, 2, 2]);
    const waiting = made.filter((c) => !c.agentId);
    expect(waiting).toHaveLength(1);
    const closing = made.find((c) => c.agentId === users[1].id)!;
    await updateConversation(ctx.prisma, bot, { conversationId: closing.id, mode: 'patch', changes: { status: 'CLOSED' } });
    const after = await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: waiting[0].id } });
    expect(after.agentId).toBe(users[1].id);
    expect(await reasonOf(waiting[0].id)).toMatch(/^assigned from the waiting backlog — round robin$/);
    expect(await openCounts(users.map((u) => u.id))).toEqual([2, 2, 2]);
  });

  it('a manual assignment may exceed capacity; auto assignment then gives that agent nothing', async () => {
    const { users, create } = await team([{ capacity: 1 }, {}]);
    const a = await create();
    expect(a.agentId).toBe(users[0].id);
    const b = await create();
    expect(b.agentId).toBe(users[1].id);
    await assignConversation(ctx.prisma, bot, { conversationId: b.id, agentId: users[0].id });
    expect(await openCounts([users[0].id])).toEqual([2]);
    for (let i = 0; i < 3; i++) expect((await create()).agentId).toBe(users[1].id);
  });

  it('LOAD_BALANCING: the ONLINE agent with the fewest open conversations, ties by the turn; the timeline says so', async () => {
    const { users, create } = await team([{}, {}, {}], { algorithm: 'LOAD_BALANCING' });
    // Give agent 0 three and agent 1 one by hand; agent 2 has none.
    for (const [agent, count] of [[0, 3], [1, 1]] as const) {
      for (let i = 0; i < count; i++) {
        const c = await create();
        await assignConversation(ctx.prisma, bot, { conversationId: c.id, agentId: users[agent].id });
      }
    }
    // Those four creates were themselves balanced; after the manual moves the loads are [3, 1, 0].
    expect(await openCounts(users.map((u) => u.id))).toEqual([3, 1, 0]);
    const next = await create();
    expect(next.agentId).toBe(users[2].id);
    expect(await reasonOf(next.id)).toBe('load balancing: 0 open, fewest');
    // [3, 1, 1]: agents 1 and 2 tie; 1 got one by rotation longer ago.
    const tie = await create();
    expect(tie.agentId).toBe(users[1].id);
    // [3, 2, 1] → three more even it out, then they go round.
    for (let i = 0; i < 3; i++) await create();
    expect(await openCounts(users.map((u) => u.id))).toEqual([3, 3, 3]);
    for (let i = 0; i < 3; i++) await create();
    expect(await openCounts(users.map((u) => u.id))).toEqual([4, 4, 4]);
  });

  it('LOAD_BALANCING skips BUSY, away and over-capacity agents; with nobody ONLINE it balances over the OFFLINE ones', async () => {
    const { users, create } = await team([{ availability: 'BUSY' }, { disconnected: true }, { capacity: 0 }, { availability: 'OFFLINE' }, { availability: 'OFFLINE' }], {
      algorithm: 'LOAD_BALANCING',
    });
    for (let i = 0; i < 4; i++) await create();
    expect(await openCounts(users.map((u) => u.id))).toEqual([0, 0, 0, 2, 2]);
  });

  it('PERFORMANCE_BASED: the best recent resolution rate wins; a newcomer starts at one half', async () => {
    const { users, create } = await team([{}, {}, {}], { algorithm: 'PERFORMANCE_BASED' });
    const p = ctx.prisma;
    // Agent 0: 4 resolved this week, 0 open → 5/6. Agent 1: 0 resolved, 2 open → 1/4. Agent 2: nothing → 1/2.
    for (let i = 0; i < 4; i++) await p.conversation.create({ data: { status: 'SOLVED', agentId: users[0].id } });
    for (let i = 0; i < 2; i++) await p.conversation.create({ data: { status: 'OPEN', agentId: users[1].id } });
    // Resolved long ago does not count.
    for (let i = 0; i < 9; i++) await p.conversation.create({ data: { status: 'CLOSED', agentId: users[1].id, updatedAt: new Date(Date.now() - 30 * 86_400_000) } });
    const c = await create();
    expect(c.agentId).toBe(users[0].id);
    expect(await reasonOf(c.id)).toBe('performance based: 4 resolved in 7 days, 0 open');
    // Agent 0 now 5/7 ≈ 0.71, still ahead of 1/2 and 1/4.
    expect((await create()).agentId).toBe(users[0].id);
  });

  it('sticky agent: a returning customer goes to the agent of their last conversation when ONLINE and free; otherwise the algorithm decides', async () => {
    const { users, create } = await team([{}, {}], { sticky: true, stickyDays: 7 });
    const customer = { email: `sticky-${n}@customer.example` };
    const first = await create({ customer });
    const other = first.agentId === users[0].id ? users[1] : users[0];
    // Round robin alone would now pick the other agent; sticky sends the customer back.
    const again = await create({ customer });
    expect(again.agentId).toBe(first.agentId);
    expect(await reasonOf(again.id)).toBe('sticky agent: handled this customer last');
    // Their agent goes BUSY: the algorithm decides, and says so.
    await ctx.prisma.user.update({ where: { id: first.agentId! }, data: { availability: 'BUSY' } });
    const third = await create({ customer });
    expect(third.agentId).toBe(other.id);
    expect(await reasonOf(third.id)).toBe('round robin');
  });

  it('sticky off, or outside the window: no stickiness', async () => {
    const { users, create } = await team([{}, {}], { sticky: true, stickyDays: 1 });
    const customer = { email: `old-${n}@customer.example` };
    const first = await create({ customer });
    await ctx.prisma.conversation.update({ where: { id: first.id }, data: { updatedAt: new Date(Date.now() - 3 * 86_400_000) } });
    const again = await create({ customer });
    expect(again.agentId).not.toBe(first.agentId);
    expect(users.map((u) => u.id)).toContain(again.agentId);
  });

  it('a queue with auto-assignment off keeps its conversations waiting; turned on, a drain hands them out, highest priority first, then longest waiting', async () => {
    const { queue, users, create } = await team([{ capacity: 2 }], { autoAssign: false });
    const low = await create({ priority: 'LOW' });
    const normal1 = await create({ priority: 'NORMAL' });
    const urgent = await create({ priority: 'URGENT' });
    const normal2 = await create({ priority: 'NORMAL' });
    expect([low, normal1, urgent, normal2].map((c) => c.agentId)).toEqual([null, null, null, null]);
    await ctx.prisma.queue.update({ where: { id: queue.id }, data: { autoAssign: true } });
    expect(await drainWaiting(ctx.prisma, { queueIds: [queue.id] })).toBe(2);
    const agentOf = async (id: string) => (await ctx.prisma.conversation.findUniqueOrThrow({ where: { id } })).agentId;
    expect([await agentOf(urgent.id), await agentOf(normal1.id), await agentOf(normal2.id), await agentOf(low.id)]).toEqual([users[0].id, users[0].id, null, null]);
  });

  it('an away (disconnected) agent takes nothing new; back, a drain gives them what waits', async () => {
    const { users, create } = await team([{ disconnected: true }]);
    const c = await create();
    expect(c.agentId).toBeNull();
    await ctx.prisma.user.update({ where: { id: users[0].id }, data: { disconnectedAt: null } });
    expect(await drainWaiting(ctx.prisma, { agentId: users[0].id })).toBe(1);
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).agentId).toBe(users[0].id);
  });

  it('outside working hours: waits unassigned, the customer gets the away message once; with closeConversations it is closed; allowed outside hours, assigned', async () => {
    const p = ctx.prisma;
    const hours = await p.workingHours.create({ data: { name: `Closed ${++n}`, timezone: 'Europe/Berlin', message: 'We are closed. Back on Monday.', workWeek: CLOSED_WEEK } });
    const { queue, users, create } = await team([{}]);
    await p.queue.update({ where: { id: queue.id }, data: { workingHoursId: hours.id } });
    const customer = { email: `ooh-${n}@customer.example` };
    const waits = await create({ customer });
    expect(waits.agentId).toBeNull();
    expect(waits.status).toBe('OPEN');
    const sent = await p.message.findMany({ where: { conversationId: waits.id, direction: 'OUTBOUND' } });
    expect(sent.map((m) => [m.text, m.authorType])).toEqual([['We are closed. Back on Monday.', 'SYSTEM']]);
    expect((await p.conversation.findUniqueOrThrow({ where: { id: waits.id } })).awayNoticeAt).not.toBeNull();
    // Capacity freeing elsewhere does not hand it out while the hours are closed.
    expect(await drainWaiting(p, { agentId: users[0].id })).toBe(0);

    await p.workingHours.update({ where: { id: hours.id }, data: { closeConversations: true } });
    const closed = await create({ customer });
    expect(closed).toMatchObject({ status: 'CLOSED', agentId: null });
    expect((await p.timelineEvent.findFirst({ where: { conversationId: closed.id, kind: 'STATUS_CHANGED' } }))?.reason).toBe('closed: outside working hours');

    await p.queue.update({ where: { id: queue.id }, data: { assignOutsideHours: true } });
    const assigned = await create({ customer });
    expect(assigned.agentId).toBe(users[0].id);
    expect(await p.message.count({ where: { conversationId: assigned.id, direction: 'OUTBOUND' } })).toBe(0);

    // The hours open: the one that waited is handed out by a drain of its queue.
    await p.queue.update({ where: { id: queue.id }, data: { assignOutsideHours: false } });
    await p.workingHours.update({ where: { id: hours.id }, data: { workWeek: OPEN_WEEK } });
    expect(await drainWaiting(p, { queueIds: [queue.id] })).toBe(1);
    expect((await p.conversation.findUniqueOrThrow({ where: { id: waits.id } })).agentId).toBe(users[0].id);
  });

  it('a route that matches only during working hours is passed over while its queue is closed', async () => {
    const p = ctx.prisma;
    const hours = await p.workingHours.create({ data: { name: `Closed route ${++n}`, timezone: 'UTC', message: '', workWeek: CLOSED_WEEK } });
    const { inbox, queue } = await team([{}]);
    const fallback = await p.queue.create({ data: { name: `Fallback ${n}` } });
    await p.queue.update({ where: { id: queue.id }, data: { workingHoursId: hours.id } });
    const expression = { $eq: { 'conversation.topic': `hours-${n}` } };
    const before = await p.route.count();
    await p.route.create({ data: { name: `Hours only ${n}`, expression, queueId: queue.id, position: before, routeOnlyDuringWorkingHours: true } });
    await p.route.create({ data: { name: `Always ${n}`, expression, queueId: fallback.id, position: before + 1 } });
    try {
      const c = await createConversation(p, bot, { inboxId: inbox.id, topic: `hours-${n}` });
      expect(c.queueId).toBe(fallback.id);
      await p.workingHours.update({ where: { id: hours.id }, data: { workWeek: OPEN_WEEK } });
      const d = await createConversation(p, bot, { inboxId: inbox.id, topic: `hours-${n}` });
      expect(d.queueId).toBe(queue.id);
    } finally {
      await p.route.deleteMany({ where: { name: { in: [`Hours only ${n}`, `Always ${n}`] } } });
    }
  });

  it('the simulator explains the assignment step, changing nothing: who and by which rule, or why it waits', async () => {
    const p = ctx.prisma;
    const { inbox, queue, users, create } = await team([{ capacity: 1 }, { capacity: 1 }], { algorithm: 'LOAD_BALANCING' });
    const turn = async () => (await p.inbox.findUniqueOrThrow({ where: { id: inbox.id } })).rrTurn;
    const before = await turn();
    expect(await previewAssignment(p, { inboxId: inbox.id, queueId: queue.id })).toEqual({ agentId: users[0].id, agentName: users[0].name, reason: 'load balancing: 0 open, fewest' });
    expect(await turn()).toBe(before);
    await create();
    await create();
    const third = await create();
    expect(await previewAssignment(p, { inboxId: inbox.id, queueId: queue.id })).toMatchObject({ agentId: null, reason: 'everyone eligible is at capacity: waits unassigned' });
    const sim = await simulateConversation(p, bot, { conversationId: third.id });
    expect(sim.assignment.reason).toBe('everyone eligible is at capacity: waits unassigned');
    const hours = await p.workingHours.create({ data: { name: `Preview ${n}`, timezone: 'UTC', message: '', workWeek: CLOSED_WEEK } });
    await p.queue.update({ where: { id: queue.id }, data: { workingHoursId: hours.id } });
    expect((await previewAssignment(p, { inboxId: inbox.id, queueId: queue.id })).reason).toBe('outside working hours: waits unassigned');
    await p.queue.update({ where: { id: queue.id }, data: { autoAssign: false } });
    expect((await previewAssignment(p, { inboxId: inbox.id, queueId: queue.id })).reason).toBe(`auto-assignment is off in queue ${queue.name}: waits unassigned`);
  });

  it('the plain picks (default policy: the function that takes the lock, and the inline one) and the full pick agree on who is next, over random pools', async () => {
    const p = ctx.prisma;
    const states: Member[] = [{ availability: 'ONLINE' }, { availability: 'OFFLINE' }, { availability: 'BUSY' }, { availability: 'ONLINE', disconnected: true }];
    let seed = 7;
    const rand = (k: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % k;
    let compared = 0;
    for (let trial = 0; trial < 24; trial++) {
      const size = 1 + rand(5);
      const { inbox, queue, users } = await team(Array.from({ length: size }, () => states[rand(states.length)]));
      // Some collaborators are not members of the queue; turns collide.
      for (const u of users) {
        if (rand(4) === 0) await p.queueMember.delete({ where: { queueId_userId: { queueId: queue.id, userId: u.id } } });
        await p.inboxCollaborator.update({ where: { inboxId_userId: { inboxId: inbox.id, userId: u.id } }, data: { lastTurn: rand(3) } });
      }
      for (const queueId of [queue.id, null]) {
        const full = await previewAssignment(p, { inboxId: inbox.id, queueId });
        const [plain] = await p.$queryRawUnsafe<{ pick_user: string | null; full_policy: boolean }[]>(
          `SELECT * FROM switchboard_plain_pick_manual($1, $2, true, true)`,
          inbox.id,
          queueId,
        );
        expect(plain?.full_policy ?? false).toBe(false);
        expect(plain?.pick_user ?? null).toBe(full.agentId);
        const sp = new SqlParams();
        const inline = plainPickInlineCte(sp, { inbox: sp.add(inbox.id), queue: sp.add(queueId), enabled: true });
        const [viaInline] = await p.$queryRawUnsafe<{ userId: string }[]>(`WITH ${inline} SELECT "userId" FROM pick`, ...sp.values);
        expect(viaInline?.userId ?? null).toBe(full.agentId);
        compared += full.agentId ? 1 : 0;
      }
    }
    expect(compared).toBeGreaterThan(10); // the pools were not all empty
  });

  // PostgreSQL only: on PGlite one transaction runs at a time, so nothing changes between the
  // create's two statements and its pick is the inline one.
  it('the plain pick defers to the full policy when it finds a capacity that the hint of the create missed: the agent at capacity is passed over', async () => {
    if (ctx.engine === 'pglite') return;
    const { users, create } = await team([{}, {}]);
    expect((await create()).agentId).toBe(users[0].id);
    const second = await create();
    expect(second.agentId).toBe(users[1].id);
    await updateConversation(ctx.prisma, bot, { conversationId: second.id, mode: 'patch', changes: { status: 'CLOSED' } });
    // Round robin's turn is Ana's (users[0], one open). Between the create's first statement (the
    // hint: nobody has a capacity) and its write statement, Ana gets capacity 1.
    const driver = sqlOf(ctx.prisma);
    const transaction = driver.transaction;
    driver.transaction = (<T,>(fn: (sql: Sql) => Promise<T>) =>
      transaction.call(driver, (sql: Sql) => {
        const query = sql.query.bind(sql);
        sql.query = (async (text: string, ...rest: unknown[]) => {
          const rows = await (query as (...a: unknown[]) => Promise<unknown[]>)(text, ...rest);
          if (text.startsWith('WITH locked_inbox')) await query('UPDATE "User" SET capacity = 1 WHERE id = $1', [users[0].id]);
          return rows;
        }) as Sql['query'];
        return fn(sql);
      })) as typeof transaction;
    let third;
    try {
      third = await create();
    } finally {
      driver.transaction = transaction;
    }
    expect(third.agentId).toBe(users[1].id);
    const events = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: third.id, kind: 'ASSIGNEE_CHANGED' } });
    // One assignment, by the claim (which names the system's reason first, as the drain's do).
    expect(events.map((e) => [e.reason, (e.after as { agentId: string }).agentId])).toEqual([['test — round robin', users[1].id]]);
    expect(await openCounts(users.map((u) => u.id))).toEqual([1, 1]);
  });
});
