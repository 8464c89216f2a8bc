import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import type { PrismaClient } from '../generated/prisma/client';
import { uid } from '../test/fixtures';

// The queue settings panel's and the People page's capacity actions as the browser calls them:
// the role comes from the database, so a page's check is not what protects them. Supervisors set
// a queue's policy, only admins an agent's capacity; bad input names its field and changes nothing.
const state = vi.hoisted(() => ({ userId: undefined as string | undefined, prisma: undefined as unknown }));
vi.mock('next-auth', () => ({ getServerSession: async () => (state.userId ? { userId: state.userId } : null) }));
vi.mock('../db', () => ({ db: () => state.prisma }));
vi.mock('react', () => ({ cache: <T>(fn: T) => fn }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/navigation', () => ({ unstable_rethrow: () => {}, redirect: () => {}, forbidden: () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const queues = await import('./queues');
const users = await import('./users');

describeEachEngine('queue policy and capacity actions', (ctx) => {
  const ids: Record<string, string> = {};
  const p = () => ctx.prisma as PrismaClient;
  const policy = () => p().queue.findUniqueOrThrow({ where: { id: ids.queue }, select: { autoAssign: true, algorithm: true, sticky: true, stickyDays: true } });
  const capacity = async () => (await p().user.findUniqueOrThrow({ where: { id: ids.worker } })).capacity;

  beforeAll(async () => {
    for (const role of ['AGENT', 'SUPERVISOR', 'ADMIN'] as const) {
      ids[role] = (await p().user.create({ data: { email: `${uid(role)}@actions.example`, name: role, passwordHash: 'x', role } })).id;
    }
    ids.worker = (await p().user.create({ data: { email: `${uid('w')}@actions.example`, name: 'Worker', passwordHash: 'x', capacity: 2 } })).id;
    ids.queue = (await p().queue.create({ data: { name: uid('Policy queue') } })).id;
  });
  beforeEach(() => {
    state.prisma = ctx.prisma;
  });

  it('a supervisor saves the panel; an agent is refused and nothing changes', async () => {
    const change = { queueId: ids.queue, isAutoAssignmentEnabled: false, autoAssignmentAlgorithm: 'PERFORMANCE_BASED' as const, isStickyAutoAssignmentEnabled: true, isAutoAssignmentOutsideOfWorkingHoursEnabled: false };
    state.userId = ids.AGENT;
    expect(await queues.updateQueueAction(change)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await policy()).toEqual({ autoAssign: true, algorithm: 'ROUND_ROBIN', sticky: false, stickyDays: null });
    state.userId = ids.SUPERVISOR;
    expect(await queues.updateQueueAction(change)).toMatchObject({ ok: true });
    expect(await policy()).toEqual({ autoAssign: false, algorithm: 'PERFORMANCE_BASED', sticky: true, stickyDays: 7 });
  });

  it('bad days are refused by their field, with the whole change', async () => {
    state.userId = ids.SUPERVISOR;
    const before = await policy();
    const res = await queues.updateQueueAction({ queueId: ids.queue, autoAssignmentAlgorithm: 'LOAD_BALANCING', isStickyAutoAssignmentEnabled: true, stickyAgentTimeoutDays: 400 });
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: { stickyAgentTimeoutDays: ['At most 365 days.'] } } });
    expect(await policy()).toEqual(before);
  });

  it('only an admin sets capacity; a bad number is refused by its field', async () => {
    for (const role of ['AGENT', 'SUPERVISOR']) {
      state.userId = ids[role];
      expect(await users.setUserCapacityAction({ userId: ids.worker, capacity: 9 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    state.userId = ids.ADMIN;
    expect(await users.setUserCapacityAction({ userId: ids.worker, capacity: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: { capacity: [expect.stringContaining('At least 1')] } } });
    expect(await capacity()).toBe(2);
    expect(await users.setUserCapacityAction({ userId: ids.worker, capacity: 5 })).toMatchObject({ ok: true, data: { capacity: 5 } });
    expect(await users.setUserCapacityAction({ userId: ids.worker, capacity: null })).toMatchObject({ ok: true, data: { capacity: null } });
    expect(await capacity()).toBeNull();
  });
});
