import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine, resetDb } from '../test/db';
import type { PrismaClient } from '../generated/prisma/client';
import type { Prisma } from '../generated/prisma/client';
import type { Availability, ConversationStatus, Role } from '../generated/prisma/enums';
import type { Actor } from '../access/actor';
import { makeApiKeyActor, makeUser } from '../test/fixtures';
import { getDashboard, hourWindow, startOfLocalDay } from './dashboard';

const NOW = new Date('2025-06-10T12:30:00.000Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const iso = (d: Date) => d.toISOString();

/**
 * A small world with known answers. Queues Alpha (Ana, Ben), Beta (no members), Gamma (empty);
 * Sam supervises and collaborates on an inbox, Xena is an admin who works nothing, Yuri is an
 * admin holding one conversation, Cleo is a disabled agent.
 */
async function scenario(p: PrismaClient) {
  const user = (name: string, role: Role, availability: Availability = 'OFFLINE', enabled = true) =>
    p.user.create({ data: { name, email: `${name.toLowerCase()}@t.example`, passwordHash: 'x', role, availability, enabled, availabilityChangedAt: ago(HOUR) } });
  const ana = await user('Ana', 'AGENT', 'ONLINE');
  const ben = await user('Ben', 'AGENT', 'BUSY');
  await user('Cleo', 'AGENT', 'OFFLINE', false);
  const sam = await user('Sam', 'SUPERVISOR', 'ONLINE');
  await user('Xena', 'ADMIN');
  const yuri = await user('Yuri', 'ADMIN');
  await p.inbox.create({ data: { name: 'Chat', collaborators: { create: [{ userId: sam.id }] } } });
  const alpha = await p.queue.create({ data: { name: 'Alpha', members: { create: [{ userId: ana.id }, { userId: ben.id }] } } });
  const beta = await p.queue.create({ data: { name: 'Beta' } });
  const gamma = await p.queue.create({ data: { name: 'Gamma' } });

  const conv = (data: { queueId?: string; agentId?: string; status?: ConversationStatus; createdAt: Date; queuedAt?: Date }) =>
    p.conversation.create({ data: { topic: 't', ...data } });
  const event = (conversationId: string, kind: 'ASSIGNEE_CHANGED' | 'CREATED', at: Date, after: Prisma.InputJsonObject) =>
    p.timelineEvent.create({ data: { conversationId, kind, actorKind: 'SYSTEM', after, createdAt: at } });

  // Open and unassigned: their waits fall in buckets 0, 5 (no queuedAt: counts from creation), 1 and 3.
  const c1 = await conv({ queueId: alpha.id, createdAt: ago(2 * HOUR), queuedAt: ago(3 * MIN) });
  await conv({ queueId: alpha.id, status: 'WAITING', createdAt: ago(30 * HOUR) });
  await conv({ queueId: beta.id, createdAt: ago(10 * MIN), queuedAt: ago(10 * MIN) });
  await conv({ createdAt: ago(2 * HOUR) });
  // Assigned by a change 10 minutes after creation.
  const c3 = await conv({ queueId: alpha.id, agentId: ana.id, createdAt: ago(90 * MIN) });
  await event(c3.id, 'ASSIGNEE_CHANGED', ago(80 * MIN), { agentId: ana.id });
  // Created already assigned: only a CREATED event says so.
  const c4 = await conv({ queueId: alpha.id, agentId: ana.id, createdAt: ago(5 * HOUR) });
  await event(c4.id, 'CREATED', ago(5 * HOUR), { status: 'OPEN', agentId: ana.id });
  // First assigned two days ago (not a first assignment today), reassigned to Ben 20 minutes ago.
  const c5 = await conv({ queueId: alpha.id, agentId: ben.id, createdAt: ago(51 * HOUR) });
  await event(c5.id, 'ASSIGNEE_CHANGED', ago(50 * HOUR), { agentId: ana.id });
  await event(c5.id, 'ASSIGNEE_CHANGED', ago(20 * MIN), { agentId: ben.id });
  // Solved: not open, but its assignment 3 h ago still counts.
  const c6 = await conv({ queueId: alpha.id, agentId: ana.id, status: 'SOLVED', createdAt: ago(4 * HOUR) });
  await event(c6.id, 'ASSIGNEE_CHANGED', ago(3 * HOUR), { agentId: ana.id });
  // Yuri's, assigned 25 h ago: outside the window.
  const c9 = await conv({ agentId: yuri.id, createdAt: ago(26 * HOUR) });
  await event(c9.id, 'ASSIGNEE_CHANGED', ago(25 * HOUR), { agentId: yuri.id });
  // An unassignment is not an assignment; a closed conversation is not open.
  await event(c1.id, 'ASSIGNEE_CHANGED', ago(HOUR), { agentId: null });
  await conv({ status: 'CLOSED', createdAt: ago(23 * HOUR) });
  return { ana, ben, sam, yuri, alpha, beta, gamma };
}

const asActor = (u: { id: string; name: string; email: string }, role: Role): Actor => ({ kind: 'user', id: u.id, role, name: u.name, email: u.email });

describeEachEngine('getDashboard', (ctx) => {
  beforeEach(async () => {
    await resetDb(ctx.prisma);
  });

  it('gives the exact figures of a known scenario', async () => {
    const w = await scenario(ctx.prisma);
    const d = await getDashboard(ctx.prisma, asActor(w.sam, 'SUPERVISOR'), { now: NOW, since: ago(12 * HOUR) });

    expect(d.now).toBe(iso(NOW));
    expect(d.since).toBe(iso(ago(12 * HOUR)));
    expect(d.queues).toEqual([
      {
        id: w.alpha.id, name: 'Alpha', open: 5, unassigned: 2, oldestWaitingSince: iso(ago(30 * HOUR)),
        assigned: [{ agentId: w.ana.id, name: 'Ana', count: 2 }, { agentId: w.ben.id, name: 'Ben', count: 1 }],
      },
      { id: w.beta.id, name: 'Beta', open: 1, unassigned: 1, oldestWaitingSince: iso(ago(10 * MIN)), assigned: [] },
      { id: w.gamma.id, name: 'Gamma', open: 0, unassigned: 0, oldestWaitingSince: null, assigned: [] },
      { id: null, name: 'No queue', open: 2, unassigned: 1, oldestWaitingSince: iso(ago(2 * HOUR)), assigned: [{ agentId: w.yuri.id, name: 'Yuri', count: 1 }] },
    ]);

    const agents = d.agents.map((a) => [a.name, a.availability, a.openLoad, a.assignedToday]);
    expect(agents).toEqual([
      ['Ana', 'ONLINE', 2, 3],
      ['Ben', 'BUSY', 1, 1],
      ['Sam', 'ONLINE', 0, 0],
      ['Yuri', 'OFFLINE', 1, 0],
    ]);
    expect(d.agents[0].availabilityChangedAt).toBe(iso(ago(HOUR)));

    expect(d.waiting.buckets.map((b) => b.count)).toEqual([1, 1, 0, 1, 0, 1]);
    // c4 was assigned as it arrived (0 s), c3 after 10 min, c6 after an hour: the 0 s is counted
    // apart, so that "median 0 s" never stands beside "average 23 min" unexplained.
    expect(d.waiting.firstAssignment).toEqual({ count: 3, medianSeconds: 600, averageSeconds: 1400, onArrival: 1, waitedMedianSeconds: 2100, waitedAverageSeconds: 2100 });
    // Open and Waiting apart, as the inbox's status tabs count them; together they are the queues' open figures.
    expect(d.byStatus).toEqual({ OPEN: 7, WAITING: 1 });
    expect(d.byStatus.OPEN + d.byStatus.WAITING).toBe(d.queues.reduce((n, q) => n + q.open, 0));
  });

  it('counts created and assigned per hour in 24 buckets, oldest first, zeros included', async () => {
    await scenario(ctx.prisma);
    const d = await getDashboard(ctx.prisma, (await makeApiKeyActor(ctx.prisma, 'SUPERVISOR')), { now: NOW });
    expect(d.hourly).toHaveLength(24);
    expect(d.hourly[0].hour).toBe('2025-06-09T13:00:00.000Z');
    expect(d.hourly[23].hour).toBe('2025-06-10T12:00:00.000Z');
    const at = (key: 'created' | 'assigned') => Object.fromEntries(d.hourly.flatMap((h, i) => (h[key] ? [[i, h[key]]] : [])));
    // Hour 0 holds the closed conversation made 23 h ago (13:30); 21 holds two made at 10:30.
    expect(at('created')).toEqual({ 0: 1, 18: 1, 19: 1, 21: 2, 22: 1, 23: 1 });
    expect(at('assigned')).toEqual({ 18: 1, 20: 1, 22: 1, 23: 1 });
  });

  it('returns zero-filled figures for an empty database', async () => {
    const sup = await makeUser(ctx.prisma, 'SUPERVISOR');
    const d = await getDashboard(ctx.prisma, sup, { now: NOW });
    expect(d.queues).toEqual([]);
    expect(d.agents).toEqual([]);
    expect(d.hourly.map((h) => h.hour)).toEqual(hourWindow(NOW).starts.map(iso));
    expect(d.hourly.every((h) => h.created === 0 && h.assigned === 0)).toBe(true);
    expect(d.waiting.buckets.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(d.waiting.firstAssignment).toEqual({ count: 0, medianSeconds: null, averageSeconds: null, onArrival: 0, waitedMedianSeconds: null, waitedAverageSeconds: null });
    expect(d.byStatus).toEqual({ OPEN: 0, WAITING: 0 });
    // "Today" defaults to the server's last local midnight.
    expect(d.since).toBe(iso(startOfLocalDay(NOW)));
  });

  it('refuses agents, and answers admins', async () => {
    const agent = await makeUser(ctx.prisma, 'AGENT');
    await expect(getDashboard(ctx.prisma, agent)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getDashboard(ctx.prisma, await makeApiKeyActor(ctx.prisma, 'AGENT'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getDashboard(ctx.prisma, await makeUser(ctx.prisma, 'ADMIN'))).resolves.toMatchObject({ hourly: expect.any(Array) });
  });

  it('costs the same number of queries however much there is', async () => {
    const w = await scenario(ctx.prisma);
    const sup = asActor(w.sam, 'SUPERVISOR');
    const before = ctx.queryCount();
    await getDashboard(ctx.prisma, sup, { now: NOW });
    const small = ctx.queryCount() - before;

    for (let i = 0; i < 5; i++) {
      const agent = await makeUser(ctx.prisma, 'AGENT');
      const q = await ctx.prisma.queue.create({ data: { name: `More ${i}`, members: { create: { userId: agent.id } } } });
      await ctx.prisma.conversation.createMany({
        data: [
          { queueId: q.id, agentId: agent.id, createdAt: ago(i * HOUR) },
          { queueId: q.id, createdAt: ago(i * 7 * HOUR) },
        ],
      });
    }
    const mid = ctx.queryCount();
    await getDashboard(ctx.prisma, sup, { now: NOW });
    expect(ctx.queryCount() - mid).toBe(small);
    expect(small).toBe(8);
  });
});
