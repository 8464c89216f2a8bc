// npm run bench:http — the create and list endpoints over HTTP, side by side with a raw floor
// (issue 10, SPEC §7). On a scratch PostgreSQL database:
//   - the app (next start, production build) and the in-repo raw floor (bench/lib/raw-floor.ts:
//     node:http + pg doing the same create by hand) take turns A/B/A/B, each round ROUND_MS
//     (15 s) at CONNECTIONS (32) closed-loop connections, after a WARM_MS warm-up of each;
//     creates are POST /ccaas/1/conversations with a topic, a first message {text, from} and
//     channel WHATSAPP, into one inbox (the only WHATSAPP inbox) with 8 ONLINE collaborators;
//   - LIST_CONVERSATIONS (100k) conversations are loaded with one INSERT … SELECT, each with a
//     customer message and an answer, then one client asks the app for GET ?status=OPEN&limit=50,
//     the same with queueIds, and four text searches (listPaths), LIST_REQUESTS (200) times each;
//   - SQL round trips per create and per list page are counted in this process, by calling the
//     app's real route handler (and the raw floor) with a counting wrapper around pg's Client.
// Then the same app create on the embedded PGlite at PGLITE_CONNECTIONS (50) for PGLITE_MS (20 s).
// Prints its figures last and writes them into README.md's Benchmarks table (SKIP_README=1: not;
// BENCH_KEEP=1 keeps the PostgreSQL database).
// Exits 0 when goals are missed; 1 when a part of the bench itself failed.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { scratchPostgres, type ScratchDb } from './scratch-db';
import { ensureBuilt, startApp, stopApp, type AppProcess } from './lib/app-server';
import { combine, createHttpClient, runLoad, summarize, type LoadResult } from './lib/load';
import { spawnRawFloor, startRawFloor, type RawFloor } from './lib/raw-floor';
import { countRouteStatements, countSql, ignoreClient, installSqlCounter, type RouteCount, type SqlTrace } from './lib/sql-count';
import { createBody, loadConversations, loadMessages, setupBenchInbox, type BenchInbox, type Query } from './lib/bench-data';

const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const ROUND_MS = env('ROUND_MS', 15_000);
const ROUNDS = env('ROUNDS', 2);
const WARM_MS = env('WARM_MS', 5_000);
const CONNECTIONS = env('CONNECTIONS', 32);
// The floor gets the app's pool size (DB_POOL_SIZE, default 10): the same transaction by hand, on the same resources.
const RAW_POOL = env('RAW_POOL', Number(process.env.DB_POOL_SIZE || 10));
const PGLITE_CONNECTIONS = env('PGLITE_CONNECTIONS', 50);
const PGLITE_MS = env('PGLITE_MS', 20_000);
const LIST_CONVERSATIONS = env('LIST_CONVERSATIONS', 100_000);
const LIST_REQUESTS = env('LIST_REQUESTS', 200);
const COUNT_REQUESTS = env('COUNT_REQUESTS', 50);
const PORT = env('BENCH_PORT', 3620);
const TIMEOUT_MS = 30_000;
const CREATE_PATH = '/ccaas/1/conversations';
const APP_ENV = { PRESENCE_GRACE_SECONDS: '86400' }; // the bench's agents never heartbeat: keep them connected (an away agent takes nothing new)

const README = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'README.md');

type ListFigures = { label: string; path: string; http?: { p50: number; p99: number; max: number; errors: number }; count?: RouteCount; seqScans?: string[] };
type Figures = {
  app?: LoadResult;
  raw?: LoadResult;
  rounds: string[];
  assignment?: string;
  appCount?: RouteCount;
  rawCount?: RouteCount;
  lists: ListFigures[];
  pglite?: LoadResult;
  failures: string[];
};

const fig: Figures = { rounds: [], lists: [], failures: [] };
let loadAtStart = os.loadavg()[0]; // 1-minute load average before the A/B rounds: other work on the machine skews every figure
// Servers go first (after each part), databases and folders last, so nothing still holds a
// connection to a database being dropped (the in-process app of countRouteStatements is closed by
// closeDb(), which ends its raw driver's pool too).
const cleanups: (() => Promise<unknown>)[] = [];
const dropLater: (() => Promise<unknown>)[] = [];
const log = (s: string) => console.log(s);
const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const rate = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const one = (n: number | undefined) => (n === undefined ? 'n/a' : Number.isInteger(n) ? String(n) : n.toFixed(1));

async function part(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    fig.failures.push(`${name}: ${msg.split('\n')[0]}`);
    console.error(`\n${name} failed:`, e);
  }
}

function creator(baseUrl: string, apiKey: string, prefix: string, connections: number) {
  const http = createHttpClient(baseUrl, connections, { headers: { authorization: `App ${apiKey}` }, timeoutMs: TIMEOUT_MS });
  return { http, request: (i: number) => http.post(CREATE_PATH, createBody(i, { prefix })) };
}

async function load(baseUrl: string, apiKey: string, prefix: string, durationMs: number, connections = CONNECTIONS): Promise<LoadResult> {
  const c = creator(baseUrl, apiKey, prefix, connections);
  try {
    return await runLoad({ connections, durationMs, request: c.request });
  } finally {
    c.http.close();
  }
}

const line = (r: LoadResult) => `${rate(r.rps)} req/s, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, max ${ms(r.max)} ms, ${r.errors} errors${r.sampleErrors.length ? ` (${[...new Set(r.sampleErrors)].join('; ')})` : ''}`;

async function sanity(baseUrl: string, apiKey: string, what: string): Promise<void> {
  const c = creator(baseUrl, apiKey, 'check', 1);
  try {
    const res = await c.http.post(CREATE_PATH, createBody(0, { prefix: 'check' }));
    if (res.status !== 200) throw new Error(`${what}: create answered ${res.status}: ${res.body.slice(0, 300)}`);
    const body = res.json<{ agentId?: string | null }>();
    if (!body.agentId) log(`  warning: ${what}'s first create came back without an agent: ${res.body.slice(0, 300)}`);
  } finally {
    c.http.close();
  }
}

/** Plans of the list statements: which of them scan "Conversation" sequentially. */
async function seqScans(admin: pg.Client, trace: SqlTrace[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of trace) {
    if (!/^\s*SELECT/i.test(t.sql) || !/"Conversation"/.test(t.sql)) continue;
    try {
      const { rows } = await admin.query(`EXPLAIN (FORMAT JSON) ${t.sql}`, t.values as unknown[]);
      const walk = (n: Record<string, unknown>): void => {
        if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'Conversation') found.push(t.sql.slice(0, 80));
        for (const c of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(c);
      };
      walk((rows[0]['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0].Plan);
    } catch (e) {
      found.push(`(could not EXPLAIN: ${(e as Error).message})`);
    }
  }
  return found;
}

async function postgresPart(): Promise<void> {
  const scratch: ScratchDb = await scratchPostgres();
  // BENCH_KEEP=1: the PostgreSQL database stays, to look into a figure afterwards (its URL is printed).
  if (process.env.BENCH_KEEP === '1') log(`keeping ${scratch.url} (BENCH_KEEP=1): drop it when done`);
  else dropLater.push(() => scratch.drop());
  const admin = new pg.Client({ connectionString: scratch.url });
  admin.on('error', () => {});
  await admin.connect();
  ignoreClient(admin);
  cleanups.push(() => admin.end().catch(() => {}));
  const q: Query = (sql, params) => admin.query(sql, params as unknown[]);
  let bench: BenchInbox | undefined;

  log(`PostgreSQL scratch database ${new URL(scratch.url).pathname.slice(1)}; starting the app on :${PORT} …`);
  const app: AppProcess = await startApp({ port: PORT, databaseUrl: scratch.url, env: APP_ENV, beforeStart: async () => void (bench = await setupBenchInbox(q)) });
  let appStopped = false;
  const stop = async () => {
    if (appStopped) return;
    appStopped = true;
    await stopApp(app);
  };
  cleanups.push(stop);
  const raw: RawFloor = await spawnRawFloor({ databaseUrl: scratch.url, port: PORT + 1, poolSize: RAW_POOL });
  let rawStopped = false;
  const stopRaw = async () => {
    if (rawStopped) return;
    rawStopped = true;
    await raw.close();
  };
  cleanups.push(stopRaw);
  const b = bench!;
  log(`  app pid ${app.pid} (log ${app.log}), raw floor pid ${raw.pid} (pool ${RAW_POOL}); inbox ${b.inboxId}, ${b.agentIds.length} agents`);

  await part('create A/B', async () => {
    await sanity(app.url, b.apiKey, 'the app');
    await sanity(raw.url, b.apiKey, 'the raw floor');
    loadAtStart = os.loadavg()[0];
    log(`warm-up: ${WARM_MS / 1000} s each at ${CONNECTIONS} connections (load average ${loadAtStart.toFixed(1)})`);
    log(`  app  ${line(await load(app.url, b.apiKey, 'warm', WARM_MS))}`);
    log(`  raw  ${line(await load(raw.url, b.apiKey, 'warm', WARM_MS))}`);
    const apps: LoadResult[] = [];
    const raws: LoadResult[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      for (const [name, url, into] of [
        ['app', app.url, apps],
        ['raw', raw.url, raws],
      ] as const) {
        const res = await load(url, b.apiKey, name, ROUND_MS);
        into.push(res);
        const s = `round ${r} ${name === 'app' ? 'A app' : 'B raw'}: ${line(res)}`;
        fig.rounds.push(s);
        log(s);
      }
    }
    fig.app = combine(apps);
    fig.raw = combine(raws);
    // Did every create get an agent, and did the turn go round evenly?
    const { rows } = await q(
      `SELECT split_part(topic, ' ', 2) AS target, count(*)::int AS n, count("agentId")::int AS assigned FROM "Conversation"
       WHERE "inboxId" = $1 AND topic LIKE 'Bench %' GROUP BY 1 ORDER BY 1`,
      [b.inboxId],
    );
    const per = await q(`SELECT count(*)::int AS n FROM "Conversation" WHERE "inboxId" = $1 AND "agentId" IS NOT NULL GROUP BY "agentId"`, [b.inboxId]);
    const counts = per.rows.map((r) => Number(r.n));
    fig.assignment =
      rows.map((r) => `${r.target}: ${r.assigned}/${r.n} assigned`).join(', ') +
      `; per agent ${Math.min(...counts)}…${Math.max(...counts)} over ${counts.length} agents`;
    log(`  ${fig.assignment}`);
  });
  await stopRaw();

  await part('list at 100k', async () => {
    const have = Number((await q(`SELECT count(*)::int AS n FROM "Conversation"`)).rows[0].n);
    const users = (await q(`SELECT id FROM "User" WHERE role = 'AGENT'`)).rows.map((r) => String(r.id));
    const inboxes = (await q(`SELECT id FROM "Inbox"`)).rows.map((r) => String(r.id));
    const started = performance.now();
    if (have < LIST_CONVERSATIONS) await loadConversations(q, { count: LIST_CONVERSATIONS - have, queueIds: b.queueIds, agentIds: users, inboxIds: inboxes });
    await loadMessages(q);
    const total = Number((await q(`SELECT count(*)::int AS n FROM "Conversation"`)).rows[0].n);
    log(`loaded ${total - have} conversations in ${((performance.now() - started) / 1000).toFixed(1)} s (${total} in all)`);
    const queueId = b.defaultQueueId ?? b.queueIds[0];
    const http = createHttpClient(app.url, 1, { headers: { authorization: `App ${b.apiKey}` }, timeoutMs: TIMEOUT_MS });
    try {
      for (const [label, p] of listPaths(queueId)) {
        const first = await http.get(p);
        if (first.status !== 200) throw new Error(`GET ${p} answered ${first.status}: ${first.body.slice(0, 300)}`);
        const rows = first.json<{ conversations: unknown[] }>().conversations.length;
        for (let i = 0; i < 20; i++) await http.get(p);
        const latencies: number[] = [];
        let errors = 0;
        for (let i = 0; i < LIST_REQUESTS; i++) {
          const t0 = performance.now();
          const ok = await http.get(p).then((r) => r.status === 200, () => false);
          latencies.push(performance.now() - t0);
          if (!ok) errors++;
        }
        const res = { ...summarize(latencies), errors };
        fig.lists.push({ label, path: p, http: res });
        log(`list ${label} (${rows} rows): p50 ${ms(res.p50)} ms, p99 ${ms(res.p99)} ms, max ${ms(res.max)} ms, ${res.errors} errors`);
      }
    } finally {
      http.close();
    }
  });
  await stop();

  await part('round trips', async () => {
    fig.appCount = await countRouteStatements({ databaseUrl: scratch.url, apiKey: b.apiKey, method: 'POST', path: CREATE_PATH, body: (i) => createBody(i, { prefix: 'count' }), count: COUNT_REQUESTS });
    log(`app create, in process: ${one(fig.appCount.mean.statements)} statements (${one(fig.appCount.mean.underLock)} under the inbox lock), statuses ${JSON.stringify(fig.appCount.statuses)}`);
    const floor = await startRawFloor({ databaseUrl: scratch.url, port: PORT + 3, poolSize: 4 });
    try {
      const c = creator(floor.url, b.apiKey, 'count', 1);
      for (let i = 0; i < 10; i++) await c.request(i);
      const per: { statements: number; underLock: number; lockHeldMs: number }[] = [];
      const statuses: Record<number, number> = {};
      let trace: SqlTrace[] = [];
      const times: number[] = [];
      for (let i = 0; i < COUNT_REQUESTS; i++) {
        const t0 = performance.now();
        const r = await countSql(() => c.request(i), { trace: true });
        times.push(performance.now() - t0);
        statuses[r.result.status] = (statuses[r.result.status] ?? 0) + 1;
        per.push(r.count);
        trace = r.trace;
      }
      c.http.close();
      const mean = (k: 'statements' | 'underLock' | 'lockHeldMs') => per.reduce((s, x) => s + x[k], 0) / per.length;
      times.sort((a, b) => a - b);
      fig.rawCount = {
        requests: per.length,
        mean: { statements: mean('statements'), underLock: mean('underLock'), lockHeldMs: mean('lockHeldMs'), ms: 0, locks: 1 },
        max: { statements: Math.max(...per.map((x) => x.statements)), underLock: Math.max(...per.map((x) => x.underLock)) },
        statuses,
        p50Ms: times[Math.floor(times.length / 2)],
        trace,
      };
    } finally {
      await floor.close();
    }
    const queueId = b.defaultQueueId ?? b.queueIds[0];
    for (const l of fig.lists.length ? fig.lists : listPaths(queueId).map(([label, path]): ListFigures => ({ label, path }))) {
      l.count = await countRouteStatements({ databaseUrl: scratch.url, apiKey: b.apiKey, method: 'GET', path: l.path, count: COUNT_REQUESTS });
      l.seqScans = await seqScans(admin, l.count.trace);
      if (!fig.lists.includes(l)) fig.lists.push(l);
    }
    const { closeDb } = await import('../lib/db');
    const { bus } = await import('../lib/realtime/bus');
    await closeDb();
    await bus().close();
  });
}

/**
 * The list pages timed: the inbox's status filter, with a queue, and searches — a word in one
 * conversation's messages (looked up by id), "parcel late" in one in eight and "parcel" in three in
 * eight (too many to look up: walked in the list's order, not counted).
 */
function listPaths(queueId: string): [string, string][] {
  return [
    ['status=OPEN', `${CREATE_PATH}?status=OPEN&limit=50`],
    ['status=OPEN + queueIds', `${CREATE_PATH}?status=OPEN&queueIds=${queueId}&limit=50`],
    ['text=order 4242 (few)', `${CREATE_PATH}?status=OPEN&text=order%204242&limit=50`],
    ['text=parcel late (1 in 8)', `${CREATE_PATH}?status=OPEN&text=parcel%20late&limit=50`],
    ['text=parcel (3 in 8)', `${CREATE_PATH}?text=parcel&limit=50`],
    ['text=legacy (6,000 oldest)', `${CREATE_PATH}?status=OPEN&text=legacy&limit=50`],
  ];
}

async function pglitePart(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-pglite-'));
  dropLater.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const dir = path.join(tmp, 'data');
  let bench: BenchInbox | undefined;
  log(`\nPGlite at ${dir}; seeding and starting the app on :${PORT + 2} …`);
  const app = await startApp({
    port: PORT + 2,
    pgliteDir: dir,
    env: APP_ENV,
    beforeStart: async () => {
      // One process at a time may open a PGlite folder: the bench rows go in before the server starts.
      const { PGlite } = await import('@electric-sql/pglite');
      const db = new PGlite(dir);
      try {
        bench = await setupBenchInbox((sql, params) => db.query(sql, params) as Promise<{ rows: Record<string, unknown>[] }>);
      } finally {
        await db.close();
      }
    },
  });
  cleanups.push(() => stopApp(app));
  const b = bench!;
  await sanity(app.url, b.apiKey, 'the app on PGlite');
  log(`  warm-up ${line(await load(app.url, b.apiKey, 'warm', WARM_MS, PGLITE_CONNECTIONS))}`);
  fig.pglite = await load(app.url, b.apiKey, 'pglite', PGLITE_MS, PGLITE_CONNECTIONS);
  log(`  ${PGLITE_CONNECTIONS} connections, ${PGLITE_MS / 1000} s: ${line(fig.pglite)}`);
}

type Goal = { what: string; met: boolean | undefined; value: string };

function goals(): Goal[] {
  const { app, raw, appCount, pglite, lists } = fig;
  const g: Goal[] = [];
  const ratio = app && raw ? app.rps / raw.rps : undefined;
  const p99x = app && raw ? app.p99 / raw.p99 : undefined;
  g.push({ what: `app/raw req/s ≥ 0.5 at ${CONNECTIONS} connections (PostgreSQL)`, met: ratio === undefined ? undefined : ratio >= 0.5, value: ratio === undefined ? 'n/a' : ratio.toFixed(2) });
  g.push({ what: 'app p99 ≤ 2 × raw p99', met: p99x === undefined ? undefined : p99x <= 2, value: p99x === undefined ? 'n/a' : `${p99x.toFixed(1)}×` });
  const creates = appCount?.mean.statements;
  g.push({ what: '≤ 10 round trips per create', met: creates === undefined ? undefined : appCount!.max.statements <= 10, value: creates === undefined ? 'n/a' : `${one(creates)} (max ${appCount!.max.statements})` });
  g.push({ what: '≤ 7 round trips per create (aimed)', met: creates === undefined ? undefined : appCount!.max.statements <= 7, value: creates === undefined ? 'n/a' : one(creates) });
  g.push({ what: '≤ 3 round trips under the inbox lock', met: creates === undefined ? undefined : appCount!.max.underLock <= 3, value: creates === undefined ? 'n/a' : `${one(appCount!.mean.underLock)} (max ${appCount!.max.underLock})` });
  const counted = lists.filter((l) => l.count);
  g.push({
    what: '≤ 4 round trips per list page',
    met: counted.length ? counted.every((l) => l.count!.max.statements <= 4) : undefined,
    value: counted.length ? counted.map((l) => one(l.count!.mean.statements)).join(' / ') : 'n/a',
  });
  const scanned = counted.filter((l) => l.seqScans);
  g.push({
    what: 'no sequential scan of "Conversation" in a list page',
    met: scanned.length ? scanned.every((l) => l.seqScans!.length === 0) : undefined,
    value: scanned.length ? scanned.map((l) => (l.seqScans!.length ? `${l.seqScans!.length} scan(s)` : 'none')).join(' / ') : 'n/a',
  });
  const timed = lists.filter((l) => l.http);
  g.push({
    what: `list p99 ≤ 50 ms, one client, at ${LIST_CONVERSATIONS / 1000}k`,
    met: timed.length ? timed.every((l) => l.http!.p99 <= 50 && l.http!.errors === 0) : undefined,
    value: timed.length ? timed.map((l) => `${ms(l.http!.p99)} ms`).join(' / ') : 'n/a',
  });
  g.push({
    what: `PGlite ≥ 200 creates/s at ${PGLITE_CONNECTIONS} connections, 0 errors`,
    met: pglite ? pglite.rps >= 200 && pglite.errors === 0 : undefined,
    value: pglite ? `${rate(pglite.rps)}/s, ${pglite.errors} errors` : 'n/a',
  });
  return g;
}

function report(): string {
  const { app, raw, appCount, rawCount, pglite, lists } = fig;
  const out: string[] = [];
  const row = (name: string, r?: LoadResult) =>
    `  ${name.padEnd(12)}${(r ? rate(r.rps) : 'n/a').padStart(9)}${(r ? ms(r.p50) : '').padStart(10)}${(r ? ms(r.p99) : '').padStart(10)}${(r ? String(r.errors) : '').padStart(8)}${(r ? String(r.count) : '').padStart(9)}`;
  out.push(`\n=== bench:http — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, load average ${loadAtStart.toFixed(1)} before the rounds, ${os.loadavg()[0].toFixed(1)} at the end ===`);
  out.push(`create over HTTP on PostgreSQL, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${ROUND_MS / 1000} s each, A/B alternating (raw pool ${RAW_POOL}):`);
  out.push(`  ${''.padEnd(12)}${'req/s'.padStart(9)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'errors'.padStart(8)}${'requests'.padStart(9)}`);
  out.push(row('app', app));
  out.push(row('raw floor', raw));
  if (app && raw) out.push(`  app/raw: ${(app.rps / raw.rps).toFixed(2)} × req/s, ${(app.p99 / raw.p99).toFixed(1)} × p99, ${(app.p50 / raw.p50).toFixed(1)} × p50`);
  if (fig.assignment) out.push(`  assignment: ${fig.assignment}`);
  const counts = (c?: RouteCount) =>
    c
      ? `${one(c.mean.statements)} statements (max ${c.max.statements}), ${one(c.mean.underLock)} under the inbox lock (max ${c.max.underLock}), lock held ${ms(c.mean.lockHeldMs)} ms, alone ${ms(c.p50Ms)} ms p50, statuses ${JSON.stringify(c.statuses)}`
      : 'n/a';
  out.push(`SQL round trips per create (sequential, in process, mean of ${COUNT_REQUESTS}):`);
  out.push(`  app        ${counts(appCount)}`);
  if (appCount) out.push(`             ${ms(appCount.mean.ms)} ms of the ${ms(appCount.p50Ms)} ms waiting for PostgreSQL`);
  out.push(`  raw floor  ${counts(rawCount)}`);
  out.push(`create on PGlite over HTTP, ${PGLITE_CONNECTIONS} connections, ${PGLITE_MS / 1000} s:`);
  out.push(`  ${pglite ? line(pglite) : 'n/a'}`);
  out.push(`list at ${LIST_CONVERSATIONS / 1000}k conversations, one client, ${LIST_REQUESTS} requests each:`);
  for (const l of lists) {
    out.push(
      `  ${l.label.padEnd(24)} ${l.http ? `p50 ${ms(l.http.p50)} ms, p99 ${ms(l.http.p99)} ms, ${l.http.errors} errors` : 'n/a'}; ${l.count ? `${one(l.count.mean.statements)} round trips` : 'round trips n/a'}${l.seqScans ? `; seq scans of Conversation: ${l.seqScans.length ? l.seqScans.join(' | ') : 'none'}` : ''}`,
    );
  }
  out.push('goals:');
  for (const g of goals()) out.push(`  ${g.met === undefined ? '[not measured]' : g.met ? '[met]        ' : '[goal missed]'} ${g.what}: ${g.value}`);
  if (fig.failures.length) out.push(`failed parts: ${fig.failures.join('; ')}`);
  return out.join('\n');
}

function readmeRow(): string {
  const { app, raw, appCount, pglite, lists } = fig;
  const date = new Date().toISOString().slice(0, 10);
  const parts: string[] = [];
  if (app && raw) {
    parts.push(
      `PostgreSQL, ${CONNECTIONS} conns, A/B/A/B: app ${rate(app.rps)} req/s (p50 ${ms(app.p50)} ms, p99 ${ms(app.p99)} ms) vs raw floor ${rate(raw.rps)} req/s (p50 ${ms(raw.p50)} ms, p99 ${ms(raw.p99)} ms): ${(app.rps / raw.rps).toFixed(2)} × req/s, ${(app.p99 / raw.p99).toFixed(1)} × p99`,
    );
  }
  if (appCount) parts.push(`${one(appCount.mean.statements)} round trips per create (${one(appCount.mean.underLock)} under the inbox lock; floor ${one(fig.rawCount?.mean.statements)}/${one(fig.rawCount?.mean.underLock)})`);
  if (pglite) parts.push(`PGlite, ${PGLITE_CONNECTIONS} conns: ${rate(pglite.rps)} req/s, p99 ${ms(pglite.p99)} ms, ${pglite.errors} errors`);
  const timed = lists.filter((l) => l.http);
  if (timed.length) {
    parts.push(
      `list at ${LIST_CONVERSATIONS / 1000}k: ${timed.map((l) => `${l.label} p50 ${ms(l.http!.p50)} ms, p99 ${ms(l.http!.p99)} ms${l.count ? `, ${one(l.count.mean.statements)} round trips` : ''}`).join('; ')}`,
    );
  }
  const missed = goals().filter((g) => g.met === false).map((g) => g.what);
  parts.push(missed.length ? `goals missed: ${missed.join('; ')}` : 'all goals met');
  return `| \`npm run bench:http\` | create over HTTP against the in-repo raw \`pg\` floor (goal ≥ 0.5 × its req/s, p99 ≤ 2 ×, ≤ 10 round trips, ≤ 3 under the inbox lock), PGlite at 50 conns (goal ≥ 200/s, 0 errors), list page at 100k (goal p99 ≤ 50 ms, ≤ 4 round trips) | ${date}: ${parts.join('; ').replace(/\|/g, '\\|')} |`;
}

function writeReadme(row: string): void {
  const text = fs.readFileSync(README, 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^##\s+Benchmarks\b/.test(l));
  if (start < 0) throw new Error('README has no "## Benchmarks" section');
  const existing = lines.findIndex((l, i) => i > start && l.startsWith('| `npm run bench:http` |'));
  if (existing >= 0) {
    lines[existing] = row;
  } else {
    let last = -1;
    for (let i = start + 1; i < lines.length && !/^##\s/.test(lines[i]); i++) if (lines[i].startsWith('|')) last = i;
    if (last < 0) throw new Error('README\'s Benchmarks section has no table');
    lines.splice(last + 1, 0, row);
  }
  fs.writeFileSync(README, lines.join('\n'));
}

async function cleanup(all = false): Promise<void> {
  for (const stack of all ? [cleanups, dropLater] : [cleanups]) {
    while (stack.length) {
      const c = stack.pop()!;
      await c().catch((e) => console.error('cleanup:', (e as Error).message));
    }
  }
}

/**
 * Drops the databases. A pool of the in-process app that is still open would report its
 * connections ended by DROP DATABASE … FORCE as an unhandled 'error' (57P01): that one is expected.
 */
async function dropAll(): Promise<void> {
  const expected = (e: unknown) => {
    if ((e as { code?: string }).code !== '57P01') throw e;
  };
  process.on('uncaughtException', expected);
  try {
    await cleanup(true);
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    process.off('uncaughtException', expected);
  }
}

async function main(): Promise<number> {
  installSqlCounter();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`\n${sig}: cleaning up …`);
      void dropAll().finally(() => process.exit(130));
    });
  }
  let commit = '';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    /* not a checkout */
  }
  log(`bench:http${commit ? ` at ${commit}${execSync('git status --porcelain -- app lib components', { encoding: 'utf8' }).trim() ? ' (with uncommitted changes)' : ''}` : ''}`);
  await ensureBuilt();
  try {
    await part('PostgreSQL', postgresPart);
  } finally {
    await cleanup();
  }
  try {
    await part('PGlite', pglitePart);
  } finally {
    await cleanup();
  }
  await dropAll();
  if (fig.appCount) {
    log('\nstatements of one app create (L: under the inbox lock):');
    for (const t of fig.appCount.trace) log(`  ${t.underLock ? 'L' : ' '} ${ms(t.ms).padStart(6)} ms  ${t.sql.slice(0, 140)}`);
  }
  log(report());
  if (process.env.SKIP_README !== '1' && (fig.app || fig.pglite || fig.lists.length)) {
    writeReadme(readmeRow());
    log(`\nREADME.md: the bench:http row of the Benchmarks table is updated (SKIP_README=1 to leave it).`);
  }
  return fig.failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    console.error(e);
    await dropAll();
    process.exit(1);
  },
);
