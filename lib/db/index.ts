import { PGlite } from '@electric-sql/pglite';
import type { PrismaClient } from '../generated/prisma/client';
import { dbTarget, type DbTarget } from './config';
import { acquirePgliteLock } from './pglite-lock';
import { pgliteClient, postgresClient } from './clients';

export { pgliteClient, postgresClient };

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`; domain functions take this. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export type Opened = { prisma: PrismaClient; pglite?: PGlite; target: DbTarget };


/** Opens a new client for a target. The app uses `db()`; tests and scripts open their own. */
export function openDb(target: DbTarget = dbTarget(), poolSize = Number(process.env.DB_POOL_SIZE || 10)): Opened {
  if (target.engine === 'postgres') return { prisma: postgresClient(target.url, poolSize), target };
  if (!target.dir.startsWith('memory://')) acquirePgliteLock(target.dir);
  const pglite = new PGlite(target.dir);
  return { prisma: pgliteClient(pglite), pglite, target };
}

// One client per process, kept on globalThis so dev-mode module reloads do not open a second one.
const g = globalThis as unknown as { __switchboardDb?: Opened };

export function db(): PrismaClient {
  g.__switchboardDb ??= openDb();
  return g.__switchboardDb.prisma;
}

export async function closeDb(): Promise<void> {
  const opened = g.__switchboardDb;
  g.__switchboardDb = undefined;
  if (!opened) return;
  await opened.prisma.$disconnect();
  await opened.pglite?.close();
}
