import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../lib/generated/prisma/client';
import { migrate, pgliteRunner } from '../lib/db/migrate';
import { verifyPassword } from '../lib/auth/password';
import { isEmpty, seed, type SeedSummary } from './seed';

// A fixed clock, so two runs can be compared row for row.
const NOW = new Date('2026-11-20T12:00:00.000Z');

async function freshDb() {
  const pglite = new PGlite('memory://seed-test');
  await migrate(pgliteRunner(pglite));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

describe('demo seed', () => {
  let db: Awaited<ReturnType<typeof freshDb>>;
  let summary: SeedSummary;

  beforeAll(async () => {
    db = await freshDb();
    expect(await isEmpty(db.prisma)).toBe(true);
    summary = await seed(db.prisma, { now: NOW });
  }, 120_000);
  afterAll(async () => db?.close());

  it('reports what it wrote and leaves the database non-empty', async () => {
    const p = db.prisma;
    expect(await isEmpty(p)).toBe(false);
    expect(summary).toEqual({
      users: await p.user.count(),
      inboxes: await p.inbox.count(),
      queues: await p.queue.count(),
      routes: await p.route.count(),
      customers: await p.customer.count(),
      conversations: await p.conversation.count(),
      messages: await p.message.count(),
    });
  });

  it('creates the six demo accounts with their roles and password demo1234', async () => {
    const users = await db.prisma.user.findMany({ orderBy: { email: 'asc' } });
    expect(users.map((u) => [u.email, u.role, u.availability])).toEqual([
      ['admin@example.com', 'ADMIN', 'OFFLINE'],
      ['ana@example.com', 'AGENT', 'OFFLINE'],
      ['ben@example.com', 'AGENT', 'OFFLINE'],
      ['chen@example.com', 'AGENT', 'OFFLINE'],
      ['dara@example.com', 'AGENT', 'OFFLINE'],
      ['supervisor@example.com', 'SUPERVISOR', 'OFFLINE'],
    ]);
    for (const u of users) expect(await verifyPassword('demo1234', u.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', users[0].passwordHash)).toBe(false);
  });

  it('creates inboxes on distinct channels, each with collaborators in round-robin order', async () => {
    const inboxes = await db.prisma.inbox.findMany({ include: { collaborators: true } });
    expect(inboxes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(inboxes.map((i) => i.channel)).size).toBe(inboxes.length);
    expect(inboxes.filter((i) => i.isDefault)).toHaveLength(1);
    for (const i of inboxes) {
      expect(i.collaborators.length).toBeGreaterThanOrEqual(2);
      expect(i.collaborators.map((c) => c.position).sort()).toEqual(i.collaborators.map((_, n) => n));
    }
  });

  it('creates the queues and routes of the SPEC scenario', async () => {
    const queues = await db.prisma.queue.findMany({ include: { members: true } });
    const names = queues.map((q) => q.name);
    expect(names).toContain('Authentication bot');
    expect(names).toContain('Verified customers');
    expect(queues.filter((q) => q.isDefault)).toHaveLength(1);
    const routes = await db.prisma.route.findMany({ orderBy: { position: 'asc' }, include: { queue: true } });
    expect(routes.map((r) => r.position)).toEqual(routes.map((_, n) => n));
    expect(routes[0]).toMatchObject({ name: 'Verified customers', priority: 'HIGH', queue: { name: 'Verified customers' } });
    expect(routes[1].queue.name).toBe('Authentication bot');
    expect(routes.some((r) => !r.enabled)).toBe(true);
    const version = await db.prisma.routeListVersion.findUniqueOrThrow({ where: { version: 1 } });
    expect(version.routes).toHaveLength(routes.length);
  });

  it('creates at least 200 conversations covering every status and priority', async () => {
    const convs = await db.prisma.conversation.findMany();
    expect(convs.length).toBeGreaterThanOrEqual(200);
    expect(new Set(convs.map((c) => c.status))).toEqual(new Set(['OPEN', 'WAITING', 'SOLVED', 'CLOSED']));
    expect(new Set(convs.map((c) => c.priority))).toEqual(new Set(['URGENT', 'HIGH', 'NORMAL', 'LOW']));
    const unassigned = convs.filter((c) => !c.agentId).length;
    expect(unassigned).toBeGreaterThan(0);
    expect(unassigned).toBeLessThan(convs.length / 2);
    for (const c of convs) {
      expect(c.updatedAt.getTime()).toBeGreaterThanOrEqual(c.createdAt.getTime());
      expect(c.updatedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(c.createdAt.getTime()).toBeGreaterThan(NOW.getTime() - 31 * 24 * 3600_000);
      expect(c.closedAt !== null).toBe(c.status === 'CLOSED');
    }
  });

  it('assigns conversations only to collaborators of their inbox, on the inbox channel', async () => {
    const convs = await db.prisma.conversation.findMany({ include: { inbox: { include: { collaborators: true } } } });
    for (const c of convs) {
      expect(c.channel).toBe(c.inbox!.channel);
      if (c.agentId) {
        expect(c.inbox!.collaborators.map((x) => x.userId)).toContain(c.agentId);
        expect(c.assignedAt).not.toBeNull();
      }
    }
  });

  it('starts every conversation with an inbound customer message', async () => {
    const convs = await db.prisma.conversation.findMany({
      include: { messages: { orderBy: { createdAt: 'asc' } }, tags: true, timeline: true },
    });
    for (const c of convs) {
      expect(c.messages.length).toBeGreaterThanOrEqual(1);
      expect(c.messages[0]).toMatchObject({ direction: 'INBOUND', authorType: 'CUSTOMER' });
      expect(c.messages[0].createdAt.getTime()).toBeGreaterThan(c.createdAt.getTime());
      for (const m of c.messages) if (m.direction === 'OUTBOUND') expect(m.authorId).toBe(c.agentId);
      expect(c.tags.length).toBeLessThanOrEqual(3);
      expect(c.timeline.some((e) => e.kind === 'CREATED')).toBe(true);
    }
  });

  it('puts WhatsApp account questions without strong_auth into the Authentication bot queue', async () => {
    const bot = await db.prisma.queue.findUniqueOrThrow({ where: { name: 'Authentication bot' } });
    const botConvs = await db.prisma.conversation.findMany({ where: { queueId: bot.id }, include: { tags: { include: { tag: true } } } });
    expect(botConvs.length).toBeGreaterThan(0);
    for (const c of botConvs) {
      expect(c.channel).toBe('WHATSAPP');
      expect(c.agentId).toBeNull();
      expect(c.tags.map((t) => t.tag.name)).not.toContain('strong_auth');
    }
  });

  it('is deterministic: two fresh databases get the same conversations in the same order', async () => {
    const topics = async (extra: Awaited<ReturnType<typeof freshDb>>) => {
      const rows = await extra.prisma.conversation.findMany({
        orderBy: [{ createdAt: 'asc' }, { topic: 'asc' }],
        select: { topic: true, status: true, priority: true, createdAt: true },
      });
      return rows.map((r) => `${r.createdAt.toISOString()} ${r.status} ${r.priority} ${r.topic}`);
    };
    const a = await freshDb();
    const b = await freshDb();
    try {
      await seed(a.prisma, { now: NOW });
      await seed(b.prisma, { now: NOW });
      const [ta, tb, t0] = [await topics(a), await topics(b), await topics(db)];
      expect(ta.length).toBeGreaterThanOrEqual(200);
      expect(tb).toEqual(ta);
      expect(t0).toEqual(ta);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);
});
