// A separate "app instance" for the multi-process capacity test: its own process and Prisma client.
//   tsx lib/test/churn-worker.ts <databaseUrl> <queueId> <creates> <workers> <inboxId>...
import { postgresClient } from '../db/clients';
import { systemActor } from '../access/actor';
import { churn } from './capacity-churn';

async function main() {
  const [url, queueId, creates, workers, ...inboxIds] = process.argv.slice(2);
  const prisma = postgresClient(url, 8);
  await churn(prisma, systemActor(`instance ${process.pid}`), { inboxIds, queueId, creates: Number(creates), workers: Number(workers) });
  await prisma.$disconnect();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
