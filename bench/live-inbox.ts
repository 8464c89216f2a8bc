// npm run bench:live — what an agent sees: a conversation created through the HTTP API, until its
// row is in the agent's open inbox (issue 6 goal: within 1 s, without a reload). Starts its own
// seeded server (scripts/e2e-server.mjs: PGlite, or PostgreSQL with E2E_DATABASE_URL), drives
// Debian's Chromium, creates COUNT conversations one after another and times each in the page.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Page } from '@playwright/test';

const PORT = Number(process.env.BENCH_PORT || 3600);
const BASE = `http://127.0.0.1:${PORT}`;
const COUNT = Number(process.env.COUNT || 30);
const SECRET = 'bench-live-secret';

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`${BASE}/signin`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}

async function signIn(page: Page, email: string) {
  await page.goto(`${BASE}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox/);
}

async function main() {
  const server = spawn(process.execPath, ['scripts/e2e-server.mjs'], { env: { ...process.env, PORT: String(PORT), NEXTAUTH_SECRET: SECRET }, stdio: 'ignore' });
  const chromiumPath = '/usr/bin/chromium';
  const browser = await chromium.launch(fs.existsSync(chromiumPath) ? { executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] } : {});
  try {
    await waitForServer();
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, 'admin@example.com');
    await admin.goto(`${BASE}/people`);
    const form = admin.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Key name').fill('bench live');
    await form.getByLabel('Acts as').selectOption('SUPERVISOR');
    await form.getByRole('button', { name: 'Create key' }).click();
    const key = await admin.getByLabel('New API key').inputValue();

    const ana = await (await browser.newContext()).newPage();
    await signIn(ana, 'ana@example.com');
    await ana.waitForSelector('[data-status=live]');
    // Timestamps each new row as it is added to the table, in the page's own clock (epoch ms).
    await ana.evaluate(() => {
      const w = window as unknown as { __seen: Record<string, number> };
      w.__seen = {};
      new MutationObserver(() => {
        for (const row of document.querySelectorAll('[data-testid=conversation-row]')) {
          const topic = /Bench live \d+/.exec(row.querySelector('a')?.textContent ?? '')?.[0];
          if (topic && !(topic in w.__seen)) w.__seen[topic] = performance.timeOrigin + performance.now();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });

    const latencies: number[] = [];
    for (let n = 0; n < COUNT; n++) {
      const topic = `Bench live ${n}`;
      const res = await fetch(`${BASE}/ccaas/1/conversations`, {
        method: 'POST',
        headers: { Authorization: `App ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ topic, channel: 'LIVE_CHAT', customer: { email: `bench${n}@example.org` }, message: { text: 'Hello?' } }),
      });
      if (!res.ok) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      const created = Date.now();
      const seen = await ana.waitForFunction((t) => (window as unknown as { __seen: Record<string, number> }).__seen[t], topic, { timeout: 10_000 });
      latencies.push((await seen.jsonValue()) - created);
      await new Promise((r) => setTimeout(r, 300));
    }
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(0);
    console.log(`${process.env.E2E_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ${COUNT} conversations created through the API → row in Ana's open inbox`);
    console.log(`  p50 ${at(50)} ms, p90 ${at(90)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms (goal: 1000 ms)`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
