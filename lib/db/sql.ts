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
  /**
   * `prepare`: a statement of the hot path, whose text is one of a few fixed ones, is planned once
   * per connection and then only executed. Measured on PGlite: a create with its key check took
   * 2.46 ms unprepared and 1.26 ms prepared, planning the big CTE statements being most of it.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], opts?: QueryOptions): Promise<T[]>;
}

export type QueryOptions = { prepare?: boolean };

// Statement names by text (a hash, so one text always has one name). Bounded: past it, statements
// run unprepared, so a caller that prepared dynamic text could not grow this without end.
const MAX_PREPARED = 200;
const names = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_PREPARED) {
    name = `sb_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

export interface SqlDriver extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /** BEGIN … COMMIT on one connection; ROLLBACK when `fn` throws. READ COMMITTED. */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * Ends the pg pool, which Prisma's `$disconnect` ends only when Prisma itself has connected (a
   * process whose queries all went through this driver kept its idle connections for the pool's
   * idle timeout). Nothing on PGlite: its owner closes it.
   */
  close(): Promise<void>;
}

/**
 * node-postgres prepares a named statement once per connection and reuses it (protocol level).
 * Named statements need session-bound connections: behind PgBouncer, use session pooling.
 */
function pgQuery(text: string, params: unknown[] | undefined, opts: QueryOptions | undefined): pg.QueryConfig {
  const name = opts?.prepare ? statementName(text) : undefined;
  return { text, values: params as unknown[], ...(name && { name }) };
}

export function pgDriver(pool: pg.Pool): SqlDriver {
  return {
    engine: 'postgres',
    query: async (text, params, opts) => (await pool.query(pgQuery(text, params, opts))).rows,
    async transaction(fn) {
      const client = await pool.connect();
      // A connection that failed below SQL (socket, protocol) is dropped from the pool, not reused.
      let broken: Error | undefined;
      const run = async (text: string, params?: unknown[], opts?: QueryOptions) => {
        try {
          return (await client.query(pgQuery(text, params, opts))).rows;
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
    async close() {
      if (!pool.ending && !pool.ended) await pool.end();
    },
  };
}

/**
 * A parameter as an SQL literal, for EXECUTE on PGlite (whose API has no named statements): the
 * prepared statement's parameter types, fixed at PREPARE, type it. Strings are quoted with '' doubled
 * (standard_conforming_strings is on: backslashes are plain characters); arrays are array literals.
 */
export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`Cannot pass ${v} to SQL.`);
    return `(${v})`;
  }
  if (typeof v === 'bigint') return `(${v})`;
  if (v instanceof Date) return sqlLiteral(sqlTimestamp(v));
  if (Array.isArray(v)) {
    const items = v.map((x) => (x === null || x === undefined ? 'NULL' : `"${String(x).replace(/["\\]/g, (m) => `\\${m}`)}"`));
    return sqlLiteral(`{${items.join(',')}}`);
  }
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  if (text.includes('\u0000')) throw new Error('SQL text cannot hold a NUL character.');
  return `'${text.replace(/'/g, "''")}'`;
}

type PgliteRunner = Pick<PGlite, 'query' | 'exec'>;

/** PostgreSQL's duplicate_prepared_statement. */
const DUPLICATE_PREPARED = '42P05';

function pgliteSql(db: PgliteRunner, prepared: Set<string>, inTransaction: boolean): Sql {
  return {
    async query(text, params, opts) {
      const name = opts?.prepare ? statementName(text) : undefined;
      if (!name) return (await db.query(text, params)).rows as never[];
      // PREPARE is not undone by a rollback: once made on the connection, it stays.
      if (!prepared.has(name)) {
        // Callers that first use a statement at the same moment all see it unprepared, and PGlite
        // runs their PREPAREs one after the other: every one but the first finds it made already,
        // which is as good. In a transaction the failed PREPARE would abort it, so it runs under a
        // savepoint (only until the statement is known prepared: once per statement and process).
        try {
          await db.exec(inTransaction ? `SAVEPOINT sb_prepare; PREPARE ${name} AS ${text}; RELEASE SAVEPOINT sb_prepare` : `PREPARE ${name} AS ${text}`);
        } catch (error) {
          if ((error as { code?: string }).code !== DUPLICATE_PREPARED) throw error;
          if (inTransaction) await db.exec('ROLLBACK TO SAVEPOINT sb_prepare; RELEASE SAVEPOINT sb_prepare');
        }
        prepared.add(name);
      }
      const [result] = await db.exec(`EXECUTE ${name}${params?.length ? `(${params.map(sqlLiteral).join(', ')})` : ''}`);
      return result.rows as never[];
    },
  };
}

// The statements prepared on each PGlite (one connection each), whichever driver made them.
const preparedOn = new WeakMap<PGlite, Set<string>>();

export function pgliteDriver(db: PGlite): SqlDriver {
  // PGlite serializes every query and transaction of the process on its one connection, which
  // holds the statements prepared on it.
  let prepared = preparedOn.get(db);
  if (!prepared) preparedOn.set(db, (prepared = new Set()));
  return {
    engine: 'pglite',
    ...pgliteSql(db, prepared, false),
    transaction: (fn) => db.transaction((tx) => fn(pgliteSql(tx, prepared!, true))),
    close: async () => undefined,
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
/** A foreign key refused the write: Prisma's P2003, or PostgreSQL's 23503. */
export function isForeignKeyViolation(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'P2003' || code === '23503';
}

export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'P2002' || code === '23505';
}
