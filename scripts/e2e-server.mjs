#!/usr/bin/env node
// The server Playwright tests run against: a fresh, seeded demo on a database of its own.
//   E2E_DATABASE_URL unset → embedded PGlite in data/e2e (wiped first)
//   E2E_DATABASE_URL=postgresql://…/name → that PostgreSQL database, dropped and recreated first
// Refuses any database that is not on this machine: the tests wipe it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const env = { ...process.env };
delete env.DATABASE_URL;
// A silent console shows as away after 20 s instead of 90 (e2e/presence.spec.ts waits for it). The
// console's heartbeat and the sweep follow the grace period (every 5 s here), so an open console
// stays connected with room for a slow machine; the reassignment window keeps its default.
env.PRESENCE_GRACE_SECONDS ??= '20';
// The snooze sweep ticks every second (default 15 s), so e2e/snooze.spec.ts sees a short snooze return soon after its time.
env.SNOOZE_SWEEP_SECONDS ??= '1';
// Webhooks (e2e/webhooks.spec.ts): the example bot listens on this machine, and deliveries are
// picked up within a quarter second instead of two.
env.WEBHOOK_ALLOW_PRIVATE ??= '1';
env.WEBHOOK_POLL_MS ??= '250';
env.WEBHOOK_RETRY_BASE_MS ??= '1000';

if (env.E2E_DATABASE_URL) {
  const url = new URL(env.E2E_DATABASE_URL);
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(url.hostname)) {
    console.error(`Refusing to run end-to-end tests against ${url.hostname}: they wipe the database. Use a local one.`);
    process.exit(2);
  }
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name) || ['postgres', 'template0', 'template1'].includes(name)) {
    console.error(`Refusing to wipe database "${name}": give E2E_DATABASE_URL a database of its own (e.g. switchboard_e2e).`);
    process.exit(2);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
  env.DATABASE_URL = url.toString();
} else {
  // One folder per port, so two runs on different E2E_PORTs do not wipe each other.
  const dir = path.join(root, 'data', `e2e-${env.PORT || '3100'}`);
  fs.rmSync(dir, { recursive: true, force: true });
  env.PGLITE_DIR = path.join(dir, 'pglite');
}

const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], { stdio: 'inherit', env, cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
