import { beforeEach, describe, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import { expectDomainError, makeConversation, makeInbox, makeQueue, makeUser } from '../test/fixtures';
import { invoke } from '../operations/operation';
import { setUserCapacityOp } from '../operations/console';
import { manualPool } from './assignment/pool';
import { capacityRaised } from './capacity';
import { addCollaborator, setInboxToggles } from './inboxes';
import { listPeople } from './people';
import { listQueueOverview } from './queues';

// Capacity and the policy as the console reads and writes them (domain and operations, no HTTP),
// and the drains that follow: the People page's capacity field, the dropdown's load, the inbox
// switch and a new collaborator.

const state = vi.hoisted(() => ({ drains: [] as unknown[] }));
vi.mock('./assignment/drain', async (original) => {
  const actual = await original<typeof import('./assignment/drain')>();
  return {
    ...actual,
    drainWaiting: vi.fn(async (...args: Parameters<typeof actual.drainWaiting>) => {
      state.drains.push(args[1]);
      return actual.drainWaiting(...args);
    }),
  };
});

describe('capacityRaised', () => {
  it('is true for more room or unlimited, false otherwise', () => {
    expect(capacityRaised(2, 3)).toBe(true);
    expect(capacityRaised(2, null)).toBe(true);
    expect(capacityRaised(3, 2)).toBe(false);
    expect(capacityRaised(3, 3)).toBe(false);
    expect(capacityRaised(null, 5)).toBe(false);
    expect(capacityRaised(null, null)).toBe(false);
  });
});

describeEachEngine('capacity and policy in the console', (ctx) => {
  beforeEach(() => {
    state.drains = [];
  });
  const setCapacity = async (role: 'ADMIN' | 'SUPERVISOR', raw: unknown) => invoke(setUserCapacityOp, { db: ctx.prisma, actor: await makeUser(ctx.prisma, role) }, raw);

  it('an admin sets capacity on the People page; it shows with the open load; raising it drains', async () => {
    const ana = await makeUser(ctx.prisma, 'AGENT');
    await makeConversation(ctx.prisma, { agentId: ana.id, status: 'OPEN' });
    await makeConversation(ctx.prisma, { agentId: ana.id, status: 'SOLVED' });
    expect(await setCapacity('ADMIN', { userId: ana.id, capacity: 2 })).toEqual({ id: ana.id, capacity: 2 });
    expect(state.drains).toEqual([]);
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    expect((await listPeople(ctx.prisma, admin)).find((r) => r.id === ana.id)).toMatchObject({ capacity: 2, openLoad: 1 });

    await setCapacity('ADMIN', { userId: ana.id, capacity: 4 });
    expect(state.drains).toEqual([{ agentId: ana.id }]);
    state.drains = [];
    await setCapacity('ADMIN', { userId: ana.id, capacity: null });
    expect(state.drains).toEqual([{ agentId: ana.id }]);
    expect((await listPeople(ctx.prisma, admin)).find((r) => r.id === ana.id)?.capacity).toBeNull();
  });

  it('refuses supervisors, bad numbers (by the field) and unknown users, changing nothing', async () => {
    const ana = await makeUser(ctx.prisma, 'AGENT');
    await setCapacity('ADMIN', { userId: ana.id, capacity: 3 });
    state.drains = [];
    await expect(setCapacity('SUPERVISOR', { userId: ana.id, capacity: 9 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const capacity of [0, 1001, 1.5, '3', Number.NaN, undefined]) {
      await expectDomainError(setCapacity('ADMIN', { userId: ana.id, capacity }), 'BAD_REQUEST', ['capacity']);
    }
    await expectDomainError(setCapacity('ADMIN', { userId: 'no-such-user', capacity: 9 }), 'NOT_FOUND');
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: ana.id } })).capacity).toBe(3);
    expect(state.drains).toEqual([]);
  });

  it('the dropdown’s pool carries open load and capacity, in one statement whatever its size', async () => {
    const [ana, ben, cy] = [await makeUser(ctx.prisma), await makeUser(ctx.prisma), await makeUser(ctx.prisma)];
    const inbox = await makeInbox(ctx.prisma, { collaborators: [ana.id, ben.id] });
    await ctx.prisma.user.update({ where: { id: ana.id }, data: { capacity: 2 } });
    for (const status of ['OPEN', 'WAITING', 'CLOSED'] as const) await makeConversation(ctx.prisma, { agentId: ana.id, status });
    const loads = async () => {
      const before = ctx.queryCount();
      const pool = await manualPool(ctx.prisma, inbox.id, null, { withLoad: true });
      return { statements: ctx.queryCount() - before, rows: pool.filter((u) => u.role === 'AGENT').map((u) => [u.id, u.open, u.capacity]) };
    };
    const two = await loads();
    expect(two.rows).toEqual(expect.arrayContaining([[ana.id, 2, 2], [ben.id, 0, null]]));
    expect(two.rows).toHaveLength(2);
    await addCollaborator(ctx.prisma, await makeUser(ctx.prisma, 'ADMIN'), { inboxId: inbox.id, userId: cy.id });
    const three = await loads();
    expect(three.rows).toHaveLength(3);
    expect(three.statements).toBe(1);
    expect(two.statements).toBe(1);
    // Without the load, the check before an assignment reads no more than it did.
    expect((await manualPool(ctx.prisma, inbox.id, null))[0]).not.toHaveProperty('open');
  });

  it('drains an inbox switched to auto-assignment, and for a new collaborator', async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const ana = await makeUser(ctx.prisma);
    const inbox = await makeInbox(ctx.prisma);
    await setInboxToggles(ctx.prisma, admin, { inboxId: inbox.id, autoAssign: false });
    await setInboxToggles(ctx.prisma, admin, { inboxId: inbox.id, reassignOnOffline: false });
    expect(state.drains).toEqual([]);
    await setInboxToggles(ctx.prisma, admin, { inboxId: inbox.id, autoAssign: true });
    expect(state.drains).toEqual([{ inboxIds: [inbox.id] }]);
    state.drains = [];
    await addCollaborator(ctx.prisma, admin, { inboxId: inbox.id, userId: ana.id });
    expect(state.drains).toEqual([{ agentId: ana.id }]);
    state.drains = [];
    await expectDomainError(addCollaborator(ctx.prisma, admin, { inboxId: inbox.id, userId: ana.id }), 'CONFLICT');
    expect(state.drains).toEqual([]);
  });

  it('the Queues page reads each queue’s stored policy', async () => {
    const q = await makeQueue(ctx.prisma);
    await ctx.prisma.queue.update({ where: { id: q.id }, data: { algorithm: 'LOAD_BALANCING', sticky: true, stickyDays: 10 } });
    const row = (await listQueueOverview(ctx.prisma, await makeUser(ctx.prisma, 'SUPERVISOR'))).find((r) => r.id === q.id);
    expect(row?.policy).toEqual({ autoAssign: true, algorithm: 'LOAD_BALANCING', assignOutsideHours: false, sticky: true, stickyDays: 10 });
  });
});
