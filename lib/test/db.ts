// Real-database test tier (ARCHITECTURE habit 8): every integration suite runs against the
// embedded PGlite, and also against a local PostgreSQL when TEST_DATABASE_URL is set.
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe } from 'vitest';
import { PrismaClient } from '../generated/prisma/client';
import { pgliteClient, postgresClient } from '../db/clients';
import { attachSql, sqlOf, type Sql } from '../db/sql';
import { ensurePostgresDatabase, migrate, pgliteRunner, pgRunner, type SqlRunner } from '../db/migrate';

export type Engine = 'pglite' | 'postgres';

/** An empty database (no migrations) with a raw SQL runner, for tests of the migrator itself. */
export type RawDb = { engine: Engine; sql: SqlRunner; close(): Promise<void> };

/** A migrated database with a Prisma client; `sql` talks to the same database. */
export type TestDb = {
  engine: Engine;
  prisma: PrismaClient;
  sql: SqlRunner;
  /** SQL statements sent by `prisma` so far: lets a test assert a fixed query count (no N+1). */
  queryCount(): number;
  close(): Promise<void>;
};

export const engines: readonly Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** TEST_DATABASE_URL, refused unless it points at this machine: tests create and drop databases. */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): URL {
  const raw = env.TEST_DATABASE_URL?.trim();
  if (!raw) throw new Error('TEST_DATABASE_URL is not set.');
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new Error('TEST_DATABASE_URL must start with postgres:// or postgresql://.');
  const url = new URL(raw);
  if (!LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(`TEST_DATABASE_URL points at "${url.hostname}"; tests only run against a local PostgreSQL (localhost, 127.0.0.1, ::1).`);
  }
  return url;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A PGlite from a template made by lib/test/global-setup.ts, or from scratch when there is none. */
async function rawPglite(template?: string): Promise<{ pglite: PGlite; raw: RawDb }> {
  const file = template && process.env[template];
  const pglite = file ? new PGlite({ loadDataDir: new Blob([fs.readFileSync(file)]) }) : new PGlite();
  await pglite.waitReady;
  return { pglite, raw: { engine: 'pglite', sql: pgliteRunner(pglite), close: () => pglite.close() } };
}

async function rawPostgres(): Promise<{ url: string; raw: RawDb }> {
  const server = testServerUrl();
  const name = `sb_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const target = new URL(server);
  target.pathname = `/${name}`;
  await ensurePostgresDatabase(target.toString());
  const client = new pg.Client({ connectionString: target.toString() });
  const drop = async () => {
    // Connect to the server's own database: one cannot drop the database one is connected to.
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    try {
      // FORCE ends connections a test left open (a pool not yet drained), so nothing is left behind.
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  try {
    await client.connect();
  } catch (e) {
    await drop();
    throw e;
  }
  const close = async () => {
    try {
      await client.end();
    } finally {
      await drop();
    }
  };
  return { url: target.toString(), raw: { engine: 'postgres', sql: pgRunner(client), close } };
}

export async function rawDb(engine: Engine = 'pglite'): Promise<RawDb> {
  return engine === 'pglite' ? (await rawPglite('PGLITE_TEMPLATE_EMPTY')).raw : (await rawPostgres()).raw;
}

/** A fresh database with every migration applied. Call close() to release (and, on PostgreSQL, drop) it. */
export async function testDb(engine: Engine = 'pglite'): Promise<TestDb> {
  if (engine === 'pglite') {
    const { pglite, raw } = await rawPglite('PGLITE_TEMPLATE_MIGRATED');
    // Applies nothing on the template; keeps a test honest if the template was made from other migrations.
    await migrateOrClose(raw);
    return withClient(engine, pgliteClient(pglite, { log: true }), raw);
  }
  const { url, raw } = await rawPostgres();
  await migrateOrClose(raw);
  return withClient(engine, postgresClient(url, 4, { log: true }), raw);
}

function withClient(engine: Engine, prisma: PrismaClient, raw: RawDb): TestDb {
  let queries = 0;
  (prisma as PrismaClient<'query'>).$on('query', () => {
    queries++;
  });
  // Statements sent on the raw driver (lib/db/sql.ts) count too.
  const driver = sqlOf(prisma);
  const counted = (sql: Sql): Sql => ({
    query: (text, params, opts) => {
      queries++;
      return sql.query(text, params, opts);
    },
  });
  attachSql(prisma, { engine: driver.engine, ...counted(driver), transaction: (fn) => driver.transaction((sql) => fn(counted(sql))), close: () => driver.close() });
  return { engine, prisma, sql: raw.sql, queryCount: () => queries, close: () => closeBoth(prisma, raw) };
}

async function migrateOrClose(raw: RawDb): Promise<void> {
  try {
    await migrate(raw.sql);
  } catch (e) {
    await raw.close();
    throw e;
  }
}

async function closeBoth(prisma: PrismaClient, raw: RawDb): Promise<void> {
  try {
    await prisma.$disconnect();
  } finally {
    await raw.close();
  }
}

/** Empties every app table; for beforeEach in suites whose tests must not see each other's rows. */
export async function resetDb(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  await prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => quoteIdent(t.tablename)).join(', ')} CASCADE`);
}

export type EngineContext = { readonly engine: Engine; readonly prisma: PrismaClient; readonly sql: SqlRunner; queryCount(): number };

/**
 * Declares the suite once per engine, with one migrated database per engine for the whole file.
 * The context's fields are read inside tests and hooks, after beforeAll has opened the database.
 */
export function describeEachEngine(name: string, fn: (ctx: EngineContext) => void): void {
  for (const engine of engines) {
    describe(`${name} [${engine}]`, () => {
      let db: TestDb | undefined;
      const open = (): TestDb => {
        if (!db) throw new Error('The test database is opened in beforeAll; use ctx inside tests and hooks only.');
        return db;
      };
      const ctx: EngineContext = {
        engine,
        get prisma() {
          return open().prisma;
        },
        get sql() {
          return open().sql;
        },
        queryCount: () => open().queryCount(),
      };
      beforeAll(async () => {
        db = await testDb(engine);
      });
      afterAll(async () => {
        await db?.close();
        db = undefined;
      });
      fn(ctx);
    });
  }
}

/** The URL of a test PostgreSQL database, for a second connection or process on it. */
export async function databaseUrl(prisma: PrismaClient): Promise<string> {
  const [{ db }] = await prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
  const url = testServerUrl();
  url.pathname = `/${db}`;
  return url.toString();
}

/**
 * A suite that needs several connections or processes on one database (the embedded one belongs to
 * one process by design), declared only when TEST_DATABASE_URL is set, on a database of its own.
 */
export function describePostgres(name: string, fn: (db: () => TestDb) => void): void {
  if (!engines.includes('postgres')) return;
  describe(`${name} [postgres]`, () => {
    let db: TestDb | undefined;
    beforeAll(async () => {
      db = await testDb('postgres');
    });
    afterAll(async () => db?.close());
    fn(() => {
      if (!db) throw new Error('The test database is opened in beforeAll; use it inside tests and hooks only.');
      return db;
    });
  });
}
