// npm run bench:reassign — an agent with 200 open conversations goes OFFLINE; how long until all
// have moved to the other ONLINE agents (issue goal: ≤ 2 s on PostgreSQL). Uses a scratch
// database on BENCH_DATABASE_URL's server (default: local PostgreSQL), dropped afterwards.
import { setAvailability } from '../lib/domain/presence';
import { scratchPostgres } from './scratch-db';

const OPEN = Number(process.env.OPEN || 200);

async function main() {
  const { prisma, drop } = await scratchPostgres();
  try {
    const agents: { id: string; name: string }[] = [];
    for (const n of ['ana', 'ben', 'chen', 'dara']) {
      agents.push(await prisma.user.create({ data: { email: `${n}@bench.example`, name: n, passwordHash: 'x', availability: 'ONLINE' } }));
    }
    const inbox = await prisma.inbox.create({ data: { name: 'Bench', collaborators: { create: agents.map((a, position) => ({ userId: a.id, position })) } } });
    await prisma.conversation.createMany({ data: Array.from({ length: OPEN }, () => ({ inboxId: inbox.id, agentId: agents[0].id })) });

    const t0 = performance.now();
    const res = await setAvailability(prisma, agents[0].id, 'OFFLINE', 'went offline');
    const ms = performance.now() - t0;
    const left = await prisma.conversation.count({ where: { agentId: agents[0].id } });
    const spread = await prisma.conversation.groupBy({ by: ['agentId'], _count: { _all: true } });
    console.log(`reassigned ${res?.moved} of ${OPEN} open conversations in ${ms.toFixed(0)} ms on PostgreSQL (${left} left with the offline agent)`);
    console.log(`spread: ${spread.map((s) => `${agents.find((a) => a.id === s.agentId)?.name}=${s._count._all}`).join(', ')}`);
    console.log(ms <= 2000 && left === 0 ? 'goal met: all moved in ≤ 2 s' : 'goal missed');
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
