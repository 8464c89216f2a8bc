import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { systemActor } from '../../access/actor';
import type { AssignmentAlgorithm } from '../../generated/prisma/enums';
import { churn, churnFindings } from '../../test/capacity-churn';

// SPEC §4 under load: 32 workers create in two inboxes that share four capacity-bound agents and
// close conversations as they go, so claims, closes and backlog drains race on the same agents.
// Capacity spans inboxes, the inbox lock does not: the capped agents' row locks must hold it.
describeEachEngine('capacity under concurrency', (ctx) => {
  let n = 0;
  async function setup(algorithm: AssignmentAlgorithm, capacity: number) {
    const p = ctx.prisma;
    const k = ++n;
    const users = [];
    for (let i = 0; i < 4; i++) {
      users.push(await p.user.create({ data: { email: `r${k}-${i}@race.example`, name: `Racer ${k}-${i}`, passwordHash: 'x', availability: 'ONLINE', capacity } }));
    }
    const inboxes = [];
    for (const name of ['X', 'Y']) {
      inboxes.push(await p.inbox.create({ data: { name: `Race ${k} ${name}`, collaborators: { create: users.map((u, position) => ({ userId: u.id, position })) } } }));
    }
    const queue = await p.queue.create({ data: { name: `Race queue ${k}`, algorithm, members: { create: users.map((u) => ({ userId: u.id })) } } });
    return { users, inboxIds: inboxes.map((i) => i.id), queueId: queue.id };
  }

  for (const algorithm of ['ROUND_ROBIN', 'LOAD_BALANCING', 'PERFORMANCE_BASED'] as const) {
    it(`${algorithm}: 240 creates and ~80 closes by 32 workers — nobody over capacity, none assigned twice, nothing waits while someone has room`, async () => {
      const { users, inboxIds, queueId } = await setup(algorithm, 3);
      await churn(ctx.prisma, systemActor('race'), { inboxIds, queueId, creates: 240, workers: 32 });
      const f = await churnFindings(ctx.prisma, { queueId, capacity: 3, agentIds: users.map((u) => u.id) });
      expect(f).toMatchObject({ overCapacity: 0, assignedTwice: 0, timelineDisagrees: 0, total: 240 });
      expect(f.waiting === 0 || f.withRoom === 0).toBe(true);
      expect(f.waiting).toBeGreaterThan(0); // the test really ran at capacity
    }, 300_000);
  }

  it('unlimited capacity with load balancing over a stable pool: counts differ by at most one', async () => {
    const { users, inboxIds, queueId } = await setup('LOAD_BALANCING', 1000);
    const { createConversation } = await import('../conversations/create');
    let made = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (made < 200) {
          const k = made++;
          await createConversation(ctx.prisma, systemActor('race'), { inboxId: inboxIds[k % 2], queueId });
        }
      }),
    );
    const rows = await ctx.prisma.conversation.groupBy({ by: ['agentId'], where: { queueId }, _count: { _all: true } });
    const counts = users.map((u) => rows.find((r) => r.agentId === u.id)?._count._all ?? 0);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((a, b) => a + b)).toBe(200);
  }, 300_000);
});
