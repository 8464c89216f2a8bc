// A separate "app instance" for the multi-process assignment test: its own process and its own
// Prisma client on the shared PostgreSQL, creating conversations concurrently through the domain.
//   tsx lib/test/create-worker.ts <databaseUrl> <inboxId> <count> <workers>
import { postgresClient } from '../db/clients';
import { systemActor } from '../access/actor';
import { createConversation } from '../domain/conversations/create';

async function main() {
  const [url, inboxId, count, workers] = process.argv.slice(2);
  const prisma = postgresClient(url, 8);
  const actor = systemActor(`instance ${process.pid}`);
  let next = 0;
  await Promise.all(
    Array.from({ length: Number(workers) }, async () => {
      while (next < Number(count)) {
        next++;
        await createConversation(prisma, actor, { inboxId, topic: `from ${process.pid}` });
      }
    }),
  );
  await prisma.$disconnect();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
