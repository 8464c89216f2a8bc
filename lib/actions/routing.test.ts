import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import type { PrismaClient } from '../generated/prisma/client';
import type { Actor } from '../access/actor';
import { getRouteList, saveRouteList } from '../domain/routing/route-list';
import { createQueue } from '../domain/queue-admin';

// The server actions as the browser calls them: the session comes from a mocked next-auth, the
// role from the database. A page's role check does not protect its actions, so each is tried
// with an agent's session and must refuse without changing anything.
const state = vi.hoisted(() => ({ userId: undefined as string | undefined, prisma: undefined as unknown }));
vi.mock('next-auth', () => ({ getServerSession: async () => (state.userId ? { userId: state.userId } : null) }));
vi.mock('../db', () => ({ db: () => state.prisma }));
vi.mock('react', () => ({ cache: <T>(fn: T) => fn }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/navigation', () => ({ unstable_rethrow: () => {}, redirect: () => {}, forbidden: () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const routing = await import('./routing');
const queues = await import('./queues');

describeEachEngine('routing and queue actions', (ctx) => {
  const ids: Record<string, string> = {};
  let sup: Actor;

  beforeAll(async () => {
    const p = ctx.prisma;
    for (const role of ['AGENT', 'SUPERVISOR'] as const) {
      const u = await p.user.create({ data: { email: `${role}@actions.example`, name: role, passwordHash: 'x', role } });
      ids[role] = u.id;
    }
    sup = { kind: 'user', id: ids.SUPERVISOR, role: 'SUPERVISOR', name: 'SUPERVISOR', email: 'SUPERVISOR@actions.example' };
    ids.general = (await createQueue(p, sup, { name: 'General', isDefault: true })).id;
    ids.vip = (await createQueue(p, sup, { name: 'VIP' })).id;
    await saveRouteList(p, sup, { routes: [{ name: 'VIP', enabled: true, expression: { $eq: { 'customer.tier': 'gold' } }, queueId: ids.vip }], baseVersion: null });
  });

  beforeEach(() => {
    state.prisma = ctx.prisma as PrismaClient;
  });

  const draft = () => [
    { name: 'Billing', expression: { $contains: { 'message.text': 'invoice' } }, queueId: ids.general },
    { name: 'VIP', expression: { $eq: { 'customer.tier': 'gold' } }, queueId: ids.vip },
  ];

  it("refuses an agent's save and leaves the list as it was", async () => {
    state.userId = ids.AGENT;
    const before = await getRouteList(ctx.prisma, sup);
    const result = await routing.saveRoutesAction({ routes: draft(), baseVersion: before.version });
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'You do not have permission to do this.' } });
    const after = await getRouteList(ctx.prisma, sup);
    expect(after.version).toBe(before.version);
    expect(after.routes.map((r) => r.name)).toEqual(['VIP']);
    for (const refused of [
      await routing.restoreVersionAction({ version: 1, baseVersion: before.version }),
      await routing.simulateAction({ sample: { customer: { attributes: { tier: 'gold' } } } }),
      await routing.whatIfAction({ routes: draft() }),
      await queues.createQueueAction({ name: 'Sneaky' }),
      await queues.deleteQueueAction({ queueId: ids.vip }),
    ]) {
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await ctx.prisma.queue.count({ where: { name: 'Sneaky' } })).toBe(0);
  });

  it('without a session, asks to sign in again', async () => {
    state.userId = undefined;
    expect(await routing.saveRoutesAction({ routes: draft(), baseVersion: 1 })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it("saves a supervisor's list, then refuses a save from the old version with the newer one named", async () => {
    state.userId = ids.SUPERVISOR;
    const base = (await getRouteList(ctx.prisma, sup)).version;
    const saved = await routing.saveRoutesAction({ routes: draft(), baseVersion: base });
    expect(saved.ok && saved.data.routes.map((r) => r.name)).toEqual(['Billing', 'VIP']);
    expect(saved.ok && saved.data.versions[0]).toMatchObject({ version: base + 1, savedBy: 'SUPERVISOR', routeCount: 2 });

    const stale = await routing.saveRoutesAction({ routes: draft().reverse(), baseVersion: base });
    expect(stale).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: `Someone saved a newer version (version ${base + 1}). Reload to see it.`, fields: { version: [String(base + 1)] } },
    });
  });

  it('names the route and the node of an invalid expression', async () => {
    state.userId = ids.SUPERVISOR;
    const { version } = await getRouteList(ctx.prisma, sup);
    const bad = [...draft(), { name: 'Broken', expression: { $and: [{ $eq: { 'message.channel': 'SMS' } }, { $in: { 'customer.country': 'DE' } }] }, queueId: ids.vip }];
    const result = await routing.saveRoutesAction({ routes: bad, baseVersion: version });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: { '[2].expression': ['$and[1].$in: expected an array, got a string'] } } });
  });

  it('simulates a draft order without saving it', async () => {
    state.userId = ids.SUPERVISOR;
    const before = await getRouteList(ctx.prisma, sup);
    const result = await routing.simulateAction({ sample: { message: { text: 'my invoice' }, customer: { attributes: { tier: 'gold' } } }, routes: draft().reverse() });
    expect(result.ok && result.data).toMatchObject({ queueId: ids.vip, routes: [{ name: 'VIP', matched: true }, { name: 'Billing', matched: true }] });
    expect((await getRouteList(ctx.prisma, sup)).version).toBe(before.version);
  });

  it('refuses to delete a queue a route points to, naming the route', async () => {
    state.userId = ids.SUPERVISOR;
    const result = await queues.deleteQueueAction({ queueId: ids.vip });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('Routes point to this queue: VIP') } });
    expect(await ctx.prisma.queue.count({ where: { id: ids.vip } })).toBe(1);
  });
});
