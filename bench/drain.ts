// npm run bench:drain — SPEC §7: a waiting conversation is assigned ≤ 1 s after capacity frees.
// 20 agents (capacity 5) in two inboxes and one load-balancing queue, all at capacity, with a
// backlog of WAITING conversations; then, one at a time, an agent's conversation is closed through
// the domain (as the console and the API do) and we time until the oldest waiting one is theirs.
// Uses a scratch database on BENCH_DATABASE_URL's server (default: local PostgreSQL), dropped after.
import { systemActor } from '../lib/access/actor';
import { updateConversation } from '../lib/domain/conversations/update';
import { scratchPostgres } from './scratch-db';

const AGENTS = 20;
const CAPACITY = 5;
const BACKLOG = Number(process.env.BACKLOG || 2000);
const ROUNDS = Number(process.env.ROUNDS || 100);

async function main() {
  const { prisma, drop } = await scratchPostgres();
  try {
    const agents = [];
    for (let i = 0; i < AGENTS; i++) {
      agents.push(await prisma.user.create({ data: { email: `a${i}@drain.example`, name: `a${i}`, passwordHash: 'x', availability: 'ONLINE', capacity: CAPACITY } }));
    }
    const collaborators = { create: agents.map((a, position) => ({ userId: a.id, position })) };
    const inboxes = [await prisma.inbox.create({ data: { name: 'Drain A', collaborators } }), await prisma.inbox.create({ data: { name: 'Drain B', collaborators } })];
    const queue = await prisma.queue.create({ data: { name: 'Drain', algorithm: 'LOAD_BALANCING', members: { create: agents.map((a) => ({ userId: a.id })) } } });
    const t = Date.now() - 3_600_000;
    await prisma.conversation.createMany({
      data: agents.flatMap((a, i) => Array.from({ length: CAPACITY }, (_, k) => ({ inboxId: inboxes[(i + k) % 2].id, queueId: queue.id, agentId: a.id }))),
    });
    await prisma.conversation.createMany({
      data: Array.from({ length: BACKLOG }, (_, k) => ({ inboxId: inboxes[k % 2].id, queueId: queue.id, createdAt: new Date(t + k), queuedAt: new Date(t + k) })),
    });
    await prisma.$executeRawUnsafe('ANALYZE');

    const actor = systemActor('bench');
    const times: number[] = [];
    let missed = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const victim = await prisma.conversation.findFirstOrThrow({ where: { queueId: queue.id, status: 'OPEN', agentId: { not: null } }, orderBy: { id: 'asc' } });
      const oldest = await prisma.conversation.findFirstOrThrow({ where: { queueId: queue.id, agentId: null, status: 'OPEN' }, orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }] });
      const t0 = performance.now();
      await updateConversation(prisma, actor, { conversationId: victim.id, mode: 'patch', changes: { status: 'CLOSED' } });
      const got = await prisma.conversation.findUniqueOrThrow({ where: { id: oldest.id }, select: { agentId: true } });
      times.push(performance.now() - t0);
      if (got.agentId !== victim.agentId) missed++;
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
    const open = await prisma.conversation.groupBy({ by: ['agentId'], where: { status: 'OPEN', agentId: { not: null } }, _count: { _all: true } });
    const over = open.filter((o) => o._count._all > CAPACITY).length;
    console.log(`backlog ${BACKLOG}, ${AGENTS} agents × capacity ${CAPACITY}, ${ROUNDS} closes on PostgreSQL`);
    console.log(`close → oldest waiting assigned to the freed agent: p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms; ${missed} not handed to the freed agent; ${over} agents over capacity`);
    console.log(Number(q(0.99)) <= 1000 && missed === 0 && over === 0 ? 'goal met: assigned ≤ 1 s after capacity frees' : 'goal missed');
  } finally {
    await drop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
