// The real app as a benchmark target: a production build (`next build`, shared in .next) served
// by scripts/server.mjs (as `npm start` serves it) in a process of its own, on a database the caller chose. Server output goes to
// a log file under /tmp, never to the bench's console.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alive } from '../../lib/db/pglite-lock';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
export const BENCH_NEXTAUTH_SECRET = 'switchboard-bench-secret-not-for-production';

export type AppProcess = { url: string; pid: number; kill(signal?: NodeJS.Signals): void; exited: Promise<number | null>; log: string };

export type AppOptions = {
  port: number;
  /** PostgreSQL URL; leave out (and give pgliteDir) for the embedded database. */
  databaseUrl?: string;
  pgliteDir?: string;
  env?: Record<string, string>;
  /** Runs after migrate + seed and before the server starts (e.g. bench rows in a PGlite folder, which only one process may open). */
  beforeStart?: () => Promise<void>;
  /** Options for the server's node (e.g. --cpu-prof, which NODE_OPTIONS does not take). */
  nodeArgs?: string[];
  /** How long to wait for GET /signin to answer (default 180 s). */
  startTimeoutMs?: number;
};

/** True when there is no build yet or a source file is newer than it (the rule of scripts/start.mjs). */
export function needsBuild(): boolean {
  const stamp = path.join(ROOT, '.next', 'BUILD_ID');
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const sources = ['app', 'components', 'lib', 'public', 'proxy.ts', 'instrumentation.ts', 'next.config.mjs', 'tailwind.config.ts', 'postcss.config.mjs', 'package.json'];
  const newer = (p: string): boolean => {
    if (!fs.existsSync(p)) return false;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs > built;
    return fs.readdirSync(p).some((n) => n !== 'node_modules' && newer(path.join(p, n)));
  };
  return sources.some((s) => newer(path.join(ROOT, s)));
}

let building: Promise<void> | undefined;

/**
 * Builds the app once when .next is missing or older than the sources. Two bench processes
 * starting together build once: a lock file in the temp dir holds the builder's pid, the other
 * waits for it and checks again. SKIP_BUILD=1 serves whatever build exists.
 */
export function ensureBuilt(): Promise<void> {
  building ??= (async () => {
    if (process.env.SKIP_BUILD === '1' && fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) return;
    const lock = path.join(os.tmpdir(), `switchboard-next-build-${Buffer.from(ROOT).toString('hex').slice(-16)}.lock`);
    for (;;) {
      if (!needsBuild()) return;
      try {
        fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      } catch {
        const pid = Number(fs.readFileSync(lock, 'utf8'));
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
          await new Promise((r) => setTimeout(r, 2000));
        } else {
          fs.rmSync(lock, { force: true });
        }
        continue;
      }
      try {
        const log = path.join(os.tmpdir(), 'switchboard-bench-next-build.log');
        console.log(`building the app (next build, log in ${log}) …`);
        const started = performance.now();
        const out = fs.openSync(log, 'w');
        const res = spawnSync(bin('next'), ['build'], { cwd: ROOT, stdio: ['ignore', out, out], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
        fs.closeSync(out);
        if (res.status !== 0) throw new Error(`next build failed (exit ${res.status ?? res.signal}); see ${log}:\n${tail(log, 30)}`);
        console.log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
        return;
      } finally {
        fs.rmSync(lock, { force: true });
      }
    }
  })();
  building.catch(() => (building = undefined));
  return building;
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The environment the app and its scripts get for a target: one of DATABASE_URL / PGLITE_DIR, never both. */
function appEnv(opts: AppOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', NEXTAUTH_SECRET: BENCH_NEXTAUTH_SECRET, AUTH_TRUST_HOST: 'true' };
  delete env.NEXTAUTH_URL;
  delete env.PORT;
  if (opts.databaseUrl) {
    env.DATABASE_URL = opts.databaseUrl;
    delete env.PGLITE_DIR;
  } else {
    if (!opts.pgliteDir) throw new Error('startApp: give databaseUrl or pgliteDir');
    delete env.DATABASE_URL;
    env.PGLITE_DIR = opts.pgliteDir;
  }
  return { ...env, ...opts.env };
}

/** Migrates the target and seeds the demo into it when empty (scripts/db-seed.ts, as npm start does). */
export async function migrateAndSeed(opts: AppOptions, log?: string): Promise<void> {
  const out = log ? fs.openSync(log, 'a') : 'ignore';
  const res = spawnSync(bin('tsx'), ['scripts/db-seed.ts'], { cwd: ROOT, stdio: ['ignore', out, out], env: { ...appEnv(opts), NODE_ENV: 'development' } });
  if (typeof out === 'number') fs.closeSync(out);
  if (res.status !== 0) throw new Error(`db-seed failed (exit ${res.status ?? res.signal})${log ? `; see ${log}:\n${tail(log, 20)}` : ''}`);
}

/**
 * Builds if needed, migrates and seeds the database, runs `beforeStart`, then serves the app with
 * `next start -p PORT` and resolves once GET /signin answers. `kill()` signals the server's whole
 * process group (it runs detached, in a group of its own).
 */
export async function startApp(opts: AppOptions): Promise<AppProcess> {
  await ensureBuilt();
  const log = path.join(os.tmpdir(), `switchboard-bench-app-${opts.port}.log`);
  fs.writeFileSync(log, `# ${new Date().toISOString()} ${opts.databaseUrl ? 'PostgreSQL' : `PGlite ${opts.pgliteDir}`}\n`);
  await migrateAndSeed(opts, log);
  await opts.beforeStart?.();
  const out = fs.openSync(log, 'a');
  // The production server as `npm start` runs it (scripts/server.mjs: Next.js behind a small Node server).
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), 'scripts/server.mjs'], { cwd: ROOT, env: { ...appEnv(opts), PORT: String(opts.port), NODE_ENV: 'production' }, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? null : 0))));
  let gone = false;
  void exited.then(() => (gone = true));
  const pid = child.pid!;
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (gone) return;
    try {
      process.kill(-pid, signal);
    } catch {
      try {
        child.kill(signal);
      } catch {
        /* already gone */
      }
    }
  };
  // Never leave a server behind when the bench dies.
  const onExit = () => kill('SIGKILL');
  process.once('exit', onExit);
  void exited.then(() => process.off('exit', onExit));

  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 180_000);
  for (;;) {
    if (gone) throw new Error(`the app exited before answering; see ${log}:\n${tail(log, 30)}`);
    const ok = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(10_000) }).then(
      async (r) => {
        await r.arrayBuffer().catch(() => {});
        return r.ok;
      },
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      kill('SIGKILL');
      throw new Error(`the app did not answer GET /signin within ${(opts.startTimeoutMs ?? 180_000) / 1000} s; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, pid, kill, exited, log };
}

/** Signals the app and waits (up to `ms`) for it to exit, then kills it hard. */
export async function stopApp(app: AppProcess, ms = 10_000): Promise<void> {
  app.kill('SIGTERM');
  const timer = setTimeout(() => app.kill('SIGKILL'), ms);
  await app.exited;
  clearTimeout(timer);
}
