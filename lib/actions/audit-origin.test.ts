import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import { makeUser, uid, type UserActor } from '../test/fixtures';
import type { PrismaClient } from '../generated/prisma/client';

// The console door's "from where": a server action's actor carries the request's client address
// (the right-most hop of X-Forwarded-For, which scripts/server.mjs sets to the client's address) and user agent into the audit entry.
const state = vi.hoisted(() => ({ userId: undefined as string | undefined, prisma: undefined as unknown }));
vi.mock('next-auth', () => ({ getServerSession: async () => (state.userId ? { userId: state.userId } : null) }));
vi.mock('../db', () => ({ db: () => state.prisma }));
vi.mock('react', () => ({ cache: <T>(fn: T) => fn }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': '10.0.0.2, 203.0.113.5', 'user-agent': 'Mozilla/5.0 (audit test)' }),
}));
vi.mock('next/navigation', () => ({ unstable_rethrow: () => {}, redirect: () => {}, forbidden: () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const queues = await import('./queues');

describeEachEngine('server actions write who and from where into the audit log', (ctx) => {
  let admin: UserActor;
  let agent: UserActor;

  beforeAll(async () => {
    [admin, agent] = await Promise.all([makeUser(ctx.prisma, 'ADMIN'), makeUser(ctx.prisma, 'AGENT')]);
  });
  beforeEach(() => {
    state.prisma = ctx.prisma as PrismaClient;
  });

  it('records the signed-in user, the client address and the user agent', async () => {
    state.userId = admin.id;
    const name = uid('Audited queue');
    const created = await queues.createQueueAction({ name });
    if (!created.ok) throw new Error(created.error.message);
    const entry = await ctx.prisma.auditLog.findFirstOrThrow({ where: { entityType: 'QUEUE', entityName: name } });
    expect(entry).toMatchObject({ actorKind: 'USER', actorUserId: admin.id, actorName: admin.name, action: 'create', ip: '203.0.113.5', userAgent: 'Mozilla/5.0 (audit test)' });
  });

  it('a refused action writes nothing', async () => {
    state.userId = agent.id;
    const before = await ctx.prisma.auditLog.count();
    expect(await queues.createQueueAction({ name: uid('Not allowed') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ctx.prisma.auditLog.count()).toBe(before);
  });
});
