// Counts SQL round trips in this process, for the benches (never loaded by the app).
//
// `installSqlCounter()` patches `pg.Client.prototype.query` — the one door every statement of this
// process goes through on PostgreSQL: the `pg` Pool's own `query`, @prisma/adapter-pg (which runs
// Prisma's statements, BEGIN and COMMIT included, on pg Pool clients), the realtime bus's NOTIFY
// pool and its LISTEN client. One call is one round trip: pg sends a parameterised statement as
// Parse/Bind/Describe/Execute/Sync in one flight and waits for its answer before the next.
//
// Statements "under the inbox lock" are those a client runs from a statement that locks an inbox
// row (FROM "Inbox" … FOR [NO KEY] UPDATE, or a call of switchboard_plain_pick_manual, which takes
// the lock inside the create's write statement) through the COMMIT or ROLLBACK on that same client,
// both inclusive: how long other creators of that inbox wait is that many round trips.
import pg from 'pg';

const LOCK_RE = /FROM\s+"Inbox"[\s\S]*FOR\s+(NO\s+KEY\s+)?UPDATE|switchboard_plain_pick_manual\(/i;
const END_RE = /^\s*(COMMIT|ROLLBACK|END|ABORT)\b/i;

export type SqlCount = {
  /** Statements sent (round trips). */
  statements: number;
  /** Of those, sent by a client while it held an inbox row lock (the locking statement and the COMMIT included). */
  underLock: number;
  /** Milliseconds from sending to the answer, summed over statements (overlapping ones add up). */
  ms: number;
  /** Milliseconds from the locking statement being sent to its COMMIT being answered, summed over transactions. */
  lockHeldMs: number;
  /** Inbox locks taken. */
  locks: number;
};

export type SqlTrace = { sql: string; values?: unknown[]; ms: number; underLock: boolean; client: number };

type Counter = SqlCount & { trace: SqlTrace[] | null; ignore: WeakSet<object> };

const state: { installed: boolean; c: Counter; clientIds: WeakMap<object, number>; nextId: number; lockedAt: WeakMap<object, number> } = {
  installed: false,
  c: fresh(),
  clientIds: new WeakMap(),
  nextId: 1,
  lockedAt: new WeakMap(),
};

function fresh(): Counter {
  return { statements: 0, underLock: 0, ms: 0, lockHeldMs: 0, locks: 0, trace: null, ignore: new WeakSet() };
}

function valuesOf(args: unknown[]): unknown[] | undefined {
  if (Array.isArray(args[1])) return args[1];
  const v = args[0] && typeof args[0] === 'object' ? (args[0] as { values?: unknown }).values : undefined;
  return Array.isArray(v) ? v : undefined;
}

function textOf(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { text?: unknown }).text === 'string') return (arg as { text: string }).text;
  return '';
}

/** Patches pg.Client.prototype.query once; counting starts at zero. Safe to call again. */
export function installSqlCounter(): void {
  if (state.installed) return;
  state.installed = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function patchedQuery(this: object, ...args: unknown[]) {
    const c = state.c;
    if (c.ignore.has(this)) return original.apply(this, args);
    const sql = textOf(args[0]);
    let id = state.clientIds.get(this);
    if (id === undefined) state.clientIds.set(this, (id = state.nextId++));
    const started = performance.now();
    if (LOCK_RE.test(sql) && !state.lockedAt.has(this)) {
      state.lockedAt.set(this, started);
      c.locks++;
    }
    const locked = state.lockedAt.has(this);
    const ending = locked && END_RE.test(sql);
    c.statements++;
    if (locked) c.underLock++;
    const entry: SqlTrace | null = c.trace ? { sql: sql.replace(/\s+/g, ' ').trim(), values: valuesOf(args), ms: 0, underLock: locked, client: id } : null;
    if (entry) c.trace!.push(entry);
    const lockStart = state.lockedAt.get(this);
    if (ending) state.lockedAt.delete(this);
    const done = () => {
      const ms = performance.now() - started;
      c.ms += ms;
      if (entry) entry.ms = ms;
      if (ending && lockStart !== undefined) c.lockHeldMs += performance.now() - lockStart;
    };
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = function (this: unknown, ...cbArgs: unknown[]) {
        done();
        return (last as (...a: unknown[]) => unknown).apply(this, cbArgs);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(done, done);
    } else if (result && typeof (result as { on?: unknown }).on === 'function') {
      // A Submittable (pg.Query / cursor): finished when it ends or fails.
      (result as { once: (e: string, f: () => void) => void }).once('end', done);
      (result as { once: (e: string, f: () => void) => void }).once('error', done);
    }
    return result;
  } as typeof proto.query;
}

/** Starts counting from zero (and, with `trace`, records every statement with its duration). */
export function resetSqlCount(opts: { trace?: boolean } = {}): void {
  const ignore = state.c.ignore;
  state.c = fresh();
  state.c.ignore = ignore;
  if (opts.trace) state.c.trace = [];
}

/** The counts since the last reset. */
export function sqlCount(): SqlCount {
  const { statements, underLock, ms, lockHeldMs, locks } = state.c;
  return { statements, underLock, ms, lockHeldMs, locks };
}

/** The statements recorded since `resetSqlCount({ trace: true })`. */
export function sqlTrace(): SqlTrace[] {
  return state.c.trace ?? [];
}

/** Leaves a client's statements out of the counts (the bench's own setup or admin connection). */
export function ignoreClient(client: object): void {
  state.c.ignore.add(client);
}

/** Runs `fn` and returns what it cost in statements, with its result; then starts a fresh count. */
export async function countSql<T>(fn: () => Promise<T>, opts: { trace?: boolean } = {}): Promise<{ result: T; count: SqlCount; trace: SqlTrace[] }> {
  resetSqlCount(opts);
  const result = await fn();
  // Let callbacks of statements that just answered run (pg resolves on the next tick).
  await new Promise((r) => setImmediate(r));
  const out = { result, count: sqlCount(), trace: sqlTrace() };
  resetSqlCount(); // later statements go to a new counter, not into this trace
  return out;
}

export type RouteCount = {
  requests: number;
  /** Mean statements per request, and the most any one request took. */
  mean: SqlCount;
  max: { statements: number; underLock: number };
  statuses: Record<number, number>;
  /** In-process latency of one request (no HTTP, no load): p50 in ms. */
  p50Ms: number;
  /** Every statement of the last counted request. */
  trace: SqlTrace[];
};

/**
 * Calls the app's real /ccaas/1/conversations route handler in this process (no HTTP server),
 * `warmup` times uncounted, then `count` times one after another, counting each call's
 * statements. DATABASE_URL must name the PostgreSQL database before the app's modules first open
 * it; this sets it when unset. No realtime subscriber exists in this process, so the bus never
 * opens its LISTEN connection (nor its 30 s pings); the NOTIFY of a publish is counted.
 */
export async function countRouteStatements(opts: {
  databaseUrl: string;
  apiKey: string;
  method: 'GET' | 'POST';
  /** Path and query, e.g. /ccaas/1/conversations?status=OPEN */
  path: string;
  body?: (i: number) => unknown;
  warmup?: number;
  count?: number;
}): Promise<RouteCount> {
  installSqlCounter();
  if (!process.env.DATABASE_URL) process.env.DATABASE_URL = opts.databaseUrl;
  if (process.env.DATABASE_URL !== opts.databaseUrl) throw new Error('countRouteStatements: DATABASE_URL names another database');
  const { NextRequest } = await import('next/server');
  const route = (await import('../../app/ccaas/1/conversations/route')) as unknown as Record<
    'GET' | 'POST',
    (req: InstanceType<typeof NextRequest>, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
  >;
  const url = `http://127.0.0.1${opts.path}`;
  const headers = { authorization: `App ${opts.apiKey}`, 'content-type': 'application/json' };
  const call = async (i: number) => {
    const req = new NextRequest(url, { method: opts.method, headers, body: opts.body ? JSON.stringify(opts.body(i)) : undefined });
    const res = await route[opts.method](req, { params: Promise.resolve({}) });
    await res.arrayBuffer();
    return res.status;
  };
  const warmup = opts.warmup ?? 10;
  const count = opts.count ?? 50;
  for (let i = 0; i < warmup; i++) await call(i);
  const statuses: Record<number, number> = {};
  const sum: SqlCount = { statements: 0, underLock: 0, ms: 0, lockHeldMs: 0, locks: 0 };
  const max = { statements: 0, underLock: 0 };
  const times: number[] = [];
  let trace: SqlTrace[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const r = await countSql(() => call(warmup + i), { trace: true });
    times.push(performance.now() - t0);
    statuses[r.result] = (statuses[r.result] ?? 0) + 1;
    for (const k of Object.keys(sum) as (keyof SqlCount)[]) sum[k] += r.count[k];
    max.statements = Math.max(max.statements, r.count.statements);
    max.underLock = Math.max(max.underLock, r.count.underLock);
    trace = r.trace;
  }
  times.sort((a, b) => a - b);
  const mean = Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, v / count])) as SqlCount;
  return { requests: count, mean, max, statuses, p50Ms: times[Math.floor(times.length / 2)], trace };
}
