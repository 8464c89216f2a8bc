// npm run bench:reassign — an agent with 200 open conversations goes OFFLINE; how long until all
// have moved to the other ONLINE agents (issue goal: ≤ 2 s on PostgreSQL). Uses a scratch
// database on BENCH_DATABASE_URL's server (default: local PostgreSQL), dropped afterwards.
import crypto from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../lib/generated/prisma/client';
import { ensurePostgresDatabase, migrate, pgRunner } from '../lib/db/migrate';
import { setAvailability } from '../lib/domain/presence';

const SERVER = process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const OPEN = Number(process.env.OPEN || 200);

async function main() {
  const url = new URL(SERVER);
  const name = `sb_bench_${crypto.randomBytes(4).toString('hex')}`;
  url.pathname = `/${name}`;
  await ensurePostgresDatabase(url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await migrate(pgRunner(client));
  await client.end();
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 10 }) });
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
    await prisma.$disconnect();
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
