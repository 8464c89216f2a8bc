import { PGlite } from '@electric-sql/pglite';
import type { PrismaClient } from '../generated/prisma/client';
import { dbTarget, type DbTarget } from './config';
import { acquirePgliteLock, releasePgliteLock } from './pglite-lock';
import { pgliteClient, postgresClient } from './clients';
import { sqlOf } from './sql';

export { pgliteClient, postgresClient };

export type Db = PrismaClient;
/** The client inside `unitOfWork(db, async (tx) => …)` (lib/db/unit-of-work.ts); domain functions take this. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export type Opened = {
  prisma: PrismaClient;
  pglite?: PGlite;
  target: DbTarget;
  /** Releases all that openDb took: Prisma, the raw driver's pool, the PGlite and its folder lock. */
  close(): Promise<void>;
};

/** Opens a new client for a target. The app uses `db()`; tests and scripts open their own. */
export function openDb(target: DbTarget = dbTarget(), poolSize = Number(process.env.DB_POOL_SIZE || 10)): Opened {
  if (target.engine === 'postgres') {
    const prisma = postgresClient(target.url, poolSize);
    return { prisma, target, close: () => closeClient(prisma) };
  }
  const dir = target.dir.startsWith('memory://') ? undefined : target.dir;
  if (dir) acquirePgliteLock(dir);
  const pglite = new PGlite(target.dir);
  const prisma = pgliteClient(pglite);
  const close = async () => {
    try {
      await closeClient(prisma);
      await pglite.close();
    } finally {
      if (dir) releasePgliteLock(dir);
    }
  };
  return { prisma, pglite, target, close };
}

async function closeClient(prisma: PrismaClient): Promise<void> {
  try {
    await prisma.$disconnect();
  } finally {
    await sqlOf(prisma).close();
  }
}

// One client per process, kept on globalThis so dev-mode module reloads do not open a second one.
const g = globalThis as unknown as { __switchboardDb?: Opened };

export function db(): PrismaClient {
  g.__switchboardDb ??= openDb();
  return g.__switchboardDb.prisma;
}

/** Closes the process's client (benchmarks and tools that ran the app's code in-process); `db()` opens a new one. */
export async function closeDb(): Promise<void> {
  const opened = g.__switchboardDb;
  g.__switchboardDb = undefined;
  await opened?.close();
}
