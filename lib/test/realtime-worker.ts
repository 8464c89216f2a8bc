// A second "app instance" for lib/realtime/pg-bus.pg.test.ts: its own process on the shared
// PostgreSQL (DATABASE_URL), creating conversations through the domain, so the events leave through
// this process's own bus() — a PgBus, chosen from DATABASE_URL as in the app.
//   DATABASE_URL=… tsx lib/test/realtime-worker.ts <inboxId>:<topic> [<inboxId>:<topic> …]
// Prints {"ids":[…]} (in argument order) on stdout.
import { openDb } from '../db';
import { systemActor } from '../access/actor';
import { createConversation } from '../domain/conversations/create';
import { bus } from '../realtime/bus';

async function main() {
  const { prisma } = openDb();
  if (bus().engine !== 'postgres') throw new Error('expected DATABASE_URL to select the PostgreSQL bus');
  const actor = systemActor(`instance ${process.pid}`);
  const ids: string[] = [];
  try {
    for (const arg of process.argv.slice(2)) {
      const [inboxId, topic] = arg.split(':');
      ids.push((await createConversation(prisma, actor, { inboxId, topic })).id);
    }
  } finally {
    await bus().close();
    await prisma.$disconnect();
  }
  process.stdout.write(JSON.stringify({ ids }));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
