#!/usr/bin/env node
// `npm test`: type check, unit + integration tests (vitest), end-to-end tests (Playwright).
//   TEST_DATABASE_URL=postgresql://…   integration tests also run on PostgreSQL (a database per file, dropped after)
//   E2E_DATABASE_URL=postgresql://…/db  end-to-end tests run a second time on that PostgreSQL database
// Ends with one line "tests: N passed, M failed" summing every runner.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-'));
let passed = 0;
let failed = 0;
let ok = true;

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.status !== 0) {
    ok = false;
    console.error(`\n${title}: failed (exit ${res.status ?? res.signal})`);
  }
  return res.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

if (!step('type check', bin('tsc'), ['--noEmit', '-p', '.'])) failed++;

// A runner that failed without a failed test to show for it (it could not start) counts as one.
function atLeastOne(ran, before) {
  if (!ran && failed === before) failed++;
}

const vitestJson = path.join(out, 'vitest.json');
const beforeVitest = failed;
const vitestRan = step('unit and integration tests' + (process.env.TEST_DATABASE_URL ? ' (PGlite and PostgreSQL)' : ' (PGlite)'), bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const v = readJson(vitestJson);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  // A file that failed to load (syntax, import) has no failed test in it but counts as one.
  failed += (v.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.some((a) => a.status === 'failed')).length;
} else failed++;
atLeastOne(vitestRan, beforeVitest);

function e2e(label, env) {
  const json = path.join(out, `playwright-${label}.json`);
  const before = failed;
  const ran = step(`end-to-end tests (${label})`, bin('playwright'), ['test', '--reporter=list,json'], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: json });
  const r = readJson(json);
  if (!r) return void failed++;
  passed += (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0);
  // A run that could not start (its web server, a global setup) reports errors and no failed test.
  failed += (r.stats?.unexpected ?? 0) + (r.errors?.length ?? 0);
  atLeastOne(ran, before);
}
e2e('PGlite', { E2E_DATABASE_URL: '' });
if (process.env.E2E_DATABASE_URL) e2e('PostgreSQL', {});

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
