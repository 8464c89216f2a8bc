import { beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import { makeQueue, makeUser } from '../test/fixtures';
import type { PrismaClient } from '../generated/prisma/client';

// The dashboard action as the browser calls it: the session from a mocked next-auth, the role from the database.
const state = vi.hoisted(() => ({ userId: undefined as string | undefined, prisma: undefined as unknown }));
vi.mock('next-auth', () => ({ getServerSession: async () => (state.userId ? { userId: state.userId } : null) }));
vi.mock('../db', () => ({ db: () => state.prisma }));
vi.mock('react', () => ({ cache: <T>(fn: T) => fn }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/navigation', () => ({ unstable_rethrow: () => {}, redirect: () => {}, forbidden: () => {} }));

const { getDashboardAction } = await import('./dashboard');

describeEachEngine('getDashboardAction', (ctx) => {
  beforeEach(() => {
    state.prisma = ctx.prisma as PrismaClient;
    state.userId = undefined;
  });

  it('answers a supervisor with the figures', async () => {
    const q = await makeQueue(ctx.prisma);
    state.userId = (await makeUser(ctx.prisma, 'SUPERVISOR')).id;
    const result = await getDashboardAction();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.queues.map((x) => x.id)).toContain(q.id);
    expect(result.data.hourly).toHaveLength(24);
  });

  it('refuses an agent and a visitor without a session', async () => {
    state.userId = (await makeUser(ctx.prisma, 'AGENT')).id;
    expect(await getDashboardAction()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    state.userId = undefined;
    expect(await getDashboardAction()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
