import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { TRANSACTION_OPTIONS } from './config';
import { attachSql, pgDriver, pgliteDriver } from './sql';

// Kept apart from lib/db/index.ts (the app's one client), which tests of server actions mock.

/** A Prisma client and the raw driver of lib/db/sql.ts on one pg pool (ended with the client). */
export function postgresClient(url: string, max: number, options: { log?: boolean } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server drops (restart, admin termination) must not crash the process;
  // the pool replaces it. Prisma adds its own listener only once it has connected.
  pool.on('error', (err) => console.error('database pool: idle connection lost:', err.message));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS, ...(options.log && { log: [{ emit: 'event' as const, level: 'query' as const }] }) });
  return attachSql(prisma, pgDriver(pool));
}

/** A Prisma client and the raw driver of lib/db/sql.ts on one PGlite. */
export function pgliteClient(pglite: PGlite, options: { log?: boolean } = {}): PrismaClient {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions: TRANSACTION_OPTIONS, ...(options.log && { log: [{ emit: 'event' as const, level: 'query' as const }] }) });
  return attachSql(prisma, pgliteDriver(pglite));
}

