// A migrated PostgreSQL database of its own for one benchmark run, dropped afterwards.
import crypto from 'node:crypto';
import pg from 'pg';
import type { PrismaClient } from '../lib/generated/prisma/client';
import { postgresClient } from '../lib/db/clients';
import { ensurePostgresDatabase, migrate, pgRunner } from '../lib/db/migrate';

export const BENCH_SERVER = process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export type ScratchDb = { url: string; prisma: PrismaClient; drop(): Promise<void> };

export async function scratchPostgres(server = BENCH_SERVER): Promise<ScratchDb> {
  const url = new URL(server);
  const name = `sb_bench_${crypto.randomBytes(4).toString('hex')}`;
  url.pathname = `/${name}`;
  await ensurePostgresDatabase(url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await migrate(pgRunner(client));
  await client.end();
  const prisma = postgresClient(url.toString(), 10);
  return {
    url: url.toString(),
    prisma,
    async drop() {
      await prisma.$disconnect();
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
