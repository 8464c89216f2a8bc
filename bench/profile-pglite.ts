// The app on PGlite under the bench:http create load (50 connections), for looking into where its
// CPU goes: `PROF_DIR=/tmp/prof npx tsx bench/profile-pglite.ts` writes a .cpuprofile of the server
// (open it in Chrome DevTools); without PROF_DIR it only prints the rate. MS: the measured duration.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, stopApp } from './lib/app-server';
import { createHttpClient, runLoad } from './lib/load';
import { createBody, setupBenchInbox, type BenchInbox } from './lib/bench-data';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-prof-'));
const dir = path.join(tmp, 'data');
let bench: BenchInbox | undefined;
const prof = process.env.PROF_DIR;
const app = await startApp({
  port: 3690,
  pgliteDir: dir,
  env: { PRESENCE_GRACE_SECONDS: '86400' },
  nodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
  beforeStart: async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(dir);
    bench = await setupBenchInbox((sql, params) => db.query(sql, params) as never);
    await db.close();
  },
});
const http = createHttpClient(app.url, 50, { headers: { authorization: `App ${bench!.apiKey}` }, timeoutMs: 30_000 });
const run = async (ms: number, prefix: string) => runLoad({ connections: 50, durationMs: ms, request: (i) => http.post('/ccaas/1/conversations', createBody(i, { prefix })) });
const warm = await run(5000, 'warm');
console.log('warm', warm.rps.toFixed(0));
const r = await run(Number(process.env.MS || 15000), 'run');
console.log('run', r.rps.toFixed(1), 'req/s p50', r.p50.toFixed(0), 'errors', r.errors);
http.close();
await stopApp(app);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(0);
