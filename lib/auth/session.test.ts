import { beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import type { PrismaClient } from '../generated/prisma/client';

// The session cookie carries only the user id; these tests prove role and `enabled` come from the
// database on every request, so a demotion or a disabled account takes effect at once.
const state = vi.hoisted(() => ({ userId: undefined as string | undefined, sessionVersion: undefined as number | undefined, prisma: undefined as unknown }));
vi.mock('next-auth', () => ({ getServerSession: async () => (state.userId ? { userId: state.userId, sessionVersion: state.sessionVersion } : null) }));
vi.mock('../db', () => ({ db: () => state.prisma }));
// React's cache() memoises per server request; outside a request it must not hide the re-read.
vi.mock('react', () => ({ cache: <T>(fn: T) => fn }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-switchboard-path': '/queues?x=1' }) }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
  forbidden: () => {
    throw new Error('forbidden');
  },
}));

const { requireActor, requirePageActor, getSessionActor } = await import('./session');

describeEachEngine('session actor', (ctx) => {
  let userId: string;
  beforeEach(async () => {
    state.prisma = ctx.prisma as PrismaClient;
    const u = await ctx.prisma.user.create({
      data: { email: `s${Date.now()}${Math.random()}@example.com`, name: 'Sue', passwordHash: 'x', role: 'SUPERVISOR' },
    });
    userId = u.id;
    state.userId = userId;
    state.sessionVersion = undefined;
  });

  it('ends a session signed in before the password was changed or reset (sessionVersion)', async () => {
    // A cookie from before sessionVersion existed carries none: it stands for 0.
    expect(await getSessionActor()).toMatchObject({ id: userId });
    state.sessionVersion = 0;
    expect(await getSessionActor()).toMatchObject({ id: userId });
    await ctx.prisma.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    expect(await getSessionActor()).toBeNull();
    await expect(requireActor()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // The session the change was made from carries the new value.
    state.sessionVersion = 1;
    expect(await getSessionActor()).toMatchObject({ id: userId });
  });

  it('reads the role from the database on every call', async () => {
    expect((await requireActor('SUPERVISOR')).role).toBe('SUPERVISOR');
    await ctx.prisma.user.update({ where: { id: userId }, data: { role: 'AGENT' } });
    await expect(requireActor('SUPERVISOR')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(requireActor('queues.manage')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await requireActor('AGENT')).role).toBe('AGENT');
  });

  it('treats a disabled or deleted account as signed out', async () => {
    await ctx.prisma.user.update({ where: { id: userId }, data: { enabled: false } });
    expect(await getSessionActor()).toBeNull();
    await expect(requireActor()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await ctx.prisma.user.delete({ where: { id: userId } });
    await expect(requireActor()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('sends pages to sign-in without a session and answers 403 below the role', async () => {
    state.userId = undefined;
    await expect(requirePageActor('AGENT', '/inbox')).rejects.toThrow('redirect:/signin?callbackUrl=%2Finbox');
    // Without an explicit path, the one proxy.ts recorded for the request.
    await expect(requirePageActor('AGENT')).rejects.toThrow('redirect:/signin?callbackUrl=%2Fqueues%3Fx%3D1');
    state.userId = userId;
    await ctx.prisma.user.update({ where: { id: userId }, data: { role: 'AGENT' } });
    await expect(requirePageActor('users.manage')).rejects.toThrow('forbidden');
    await ctx.prisma.user.update({ where: { id: userId }, data: { role: 'ADMIN' } });
    expect((await requirePageActor('users.manage')).role).toBe('ADMIN');
  });
});
