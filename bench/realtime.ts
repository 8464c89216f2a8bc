// npm run bench:realtime — how long from "create a conversation" until every open agent stream
// has the event, with many streams open. Two set-ups:
//   PostgreSQL: the domain publishes on one PgBus ("instance 1"); the streams listen on another
//     ("instance 2"), so every event crosses LISTEN/NOTIFY as it would between app instances.
//   PGlite: one process, the in-process bus.
// STREAMS (default 200) agents collaborate on the inbox, so each stream receives every event.
import { setMaxListeners } from 'node:events';
import { PGlite } from '@electric-sql/pglite';
import type { PrismaClient } from '../lib/generated/prisma/client';
import { pgliteClient } from '../lib/db/clients';
import { migrate, pgliteRunner } from '../lib/db/migrate';
import { createConversation } from '../lib/domain/conversations/create';
import { MemoryBus, setBus, type EventBus } from '../lib/realtime/bus';
import { PgBus } from '../lib/realtime/pg-bus';
import { openEventStream } from '../lib/realtime/stream';
import { systemActor } from '../lib/access/actor';
import { scratchPostgres } from './scratch-db';

const STREAMS = Number(process.env.STREAMS || 200);
const EVENTS = Number(process.env.EVENTS || 100);
const WARMUP = 5;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function run(label: string, prisma: PrismaClient, publisher: EventBus, listener: EventBus) {
  setBus(publisher);
  const users = [];
  for (let i = 0; i < STREAMS; i++) users.push({ email: `a${i}@bench.example`, name: `a${i}`, passwordHash: 'x', availability: 'OFFLINE' as const });
  await prisma.user.createMany({ data: users });
  const ids = (await prisma.user.findMany({ select: { id: true } })).map((u) => u.id);
  const inbox = await prisma.inbox.create({ data: { name: 'Bench', autoAssign: false, collaborators: { create: ids.map((userId, position) => ({ userId, position })) } } });

  // conversation id → time each stream received it
  const seen = new Map<string, number[]>();
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  let hellos = 0;
  await Promise.all(
    ids.map(async (userId) => {
      const reader = openEventStream({ db: prisma, bus: listener, userId, signal: abort.signal }).getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      void (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value);
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!chunk.startsWith('data: ')) continue;
            const e = JSON.parse(chunk.slice(6)) as { type: string; id?: string };
            if (e.type === 'hello') hellos++;
            if (e.type === 'conversation' && e.id) (seen.get(e.id) ?? seen.set(e.id, []).get(e.id)!).push(performance.now());
          }
        }
      })();
    }),
  );
  // Every stream has said hello, i.e. is subscribed and listening.
  while (hellos < STREAMS) await new Promise((r) => setTimeout(r, 5));

  const actor = systemActor('bench');
  const toLast: number[] = [];
  const toFirst: number[] = [];
  const creates: number[] = [];
  for (let n = -WARMUP; n < EVENTS; n++) {
    const t0 = performance.now();
    const c = await createConversation(prisma, actor, { inboxId: inbox.id, topic: `bench ${n}` });
    creates.push(performance.now() - t0);
    const deadline = Date.now() + 10_000;
    while ((seen.get(c.id)?.length ?? 0) < STREAMS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    const times = seen.get(c.id) ?? [];
    if (times.length < STREAMS) throw new Error(`only ${times.length} of ${STREAMS} streams received event ${n}`);
    if (n < 0) continue;
    toFirst.push(Math.min(...times) - t0);
    toLast.push(Math.max(...times) - t0);
  }
  abort.abort();
  const f = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`;
  console.log(`${label}: ${EVENTS} conversations × ${STREAMS} streams, every event delivered to every stream`);
  console.log(`  create call (transaction + publish): ${f(creates)}`);
  console.log(`  call start → first stream:          ${f(toFirst)}`);
  console.log(`  call start → last of ${STREAMS} streams:    ${f(toLast)}`);
}

async function postgres() {
  const { url, prisma, drop } = await scratchPostgres();
  const [one, two] = [new PgBus(url), new PgBus(url)];
  try {
    await run('PostgreSQL, across two bus instances', prisma, one, two);
  } finally {
    await Promise.all([one.close(), two.close()]);
    await drop();
  }
}

async function pglite() {
  const db = new PGlite('memory://');
  await migrate(pgliteRunner(db));
  const prisma = pgliteClient(db);
  const bus = new MemoryBus();
  try {
    await run('PGlite, in-process bus', prisma, bus, bus);
  } finally {
    await prisma.$disconnect();
    await db.close();
  }
}

const which = process.argv[2];
(async () => {
  if (which !== 'pglite') await postgres();
  if (which !== 'postgres') await pglite();
})().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
