import crypto from 'node:crypto';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { PrismaClient } from '../generated/prisma/client';

/**
 * Raw SQL on the connection pool underneath Prisma, for hot paths. Measured on the 2-core machine
 * (issue 10): Prisma's client costs ~1 ms of CPU per query and 45 % of a create's CPU, and its
 * interactive transaction adds round trips of its own; a create through it took 38 round trips.
 * The same work as a few hand-written statements here takes 6. Both engines speak one dialect.
 *
 * Values come back as the drivers parse them. Timestamps are never read back as timestamps
 * (the drivers disagree on `timestamp without time zone`): callers pass them in as UTC text made
 * by `sqlTimestamp` and keep the Date they made, or read a stored one as text (`sqlTimestampText`).
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface SqlDriver extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /** BEGIN … COMMIT on one connection; ROLLBACK when `fn` throws. READ COMMITTED. */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
}

export function pgDriver(pool: pg.Pool): SqlDriver {
  return {
    engine: 'postgres',
    query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
    async transaction(fn) {
      const client = await pool.connect();
      // A connection that failed below SQL (socket, protocol) is dropped from the pool, not reused.
      let broken: Error | undefined;
      const run = async (text: string, params?: unknown[]) => {
        try {
          return (await client.query(text, params as unknown[])).rows;
        } catch (e) {
          if (!(e instanceof pg.DatabaseError)) broken = e as Error;
          throw e;
        }
      };
      try {
        await run('BEGIN');
        let value;
        try {
          value = await fn({ query: run });
        } catch (e) {
          if (!broken) await run('ROLLBACK').catch(() => undefined);
          throw e;
        }
        await run('COMMIT');
        return value;
      } finally {
        client.release(broken);
      }
    },
  };
}

export function pgliteDriver(db: PGlite): SqlDriver {
  // PGlite serializes every query and transaction of the process on its one connection.
  return {
    engine: 'pglite',
    query: async (text, params) => (await db.query(text, params)).rows as never[],
    transaction: (fn) => db.transaction((tx) => fn({ query: async (text, params) => (await tx.query(text, params)).rows as never[] })),
  };
}

const DRIVER = Symbol.for('switchboard.sqlDriver');

/** Ties a raw driver to the Prisma client that runs on the same pool or PGlite. */
export function attachSql<C extends PrismaClient>(prisma: C, driver: SqlDriver): C {
  Object.defineProperty(prisma, DRIVER, { value: driver, enumerable: false, configurable: true });
  return prisma;
}

/** The raw driver of a client opened by `openDb` or the test helpers (proxies of it included). */
export function sqlOf(db: object): SqlDriver {
  const driver = (db as { [DRIVER]?: SqlDriver })[DRIVER];
  if (!driver) throw new Error('This Prisma client has no raw SQL driver: open it with openDb() (lib/db) or the test helpers.');
  return driver;
}

/** A Date as the UTC text Prisma stores in `timestamp(3)` columns; cast it with `::timestamp(3)`. */
export function sqlTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** A `timestamp(3)` column as ISO UTC text, which both drivers hand back untouched: `new Date(text)`. */
export function sqlTimestampText(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

let lastMs = 0;
let seq = 0;

/**
 * A UUID (version 7 layout) whose order follows creation within this process: rows written in one
 * statement with one `createdAt` (a CREATED, then a ROUTED timeline entry) still sort in the order
 * they happened under `ORDER BY "createdAt", id`. Other rows keep Prisma's random v4 ids; both are text.
 */
export function orderedId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    if (++seq > 0xfff) {
      ms = ++lastMs;
      seq = 0;
    }
  } else {
    lastMs = ms;
    seq = 0;
  }
  const rand = crypto.randomBytes(8);
  const hex = ms.toString(16).padStart(12, '0');
  const variant = ((rand[0] & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${seq.toString(16).padStart(3, '0')}-${variant}${rand.subarray(1, 2).toString('hex')}-${rand.subarray(2, 8).toString('hex')}`;
}

/** A unique constraint refused the write: Prisma's P2002, or PostgreSQL's 23505 from the raw drivers. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'P2002' || code === '23505';
}
