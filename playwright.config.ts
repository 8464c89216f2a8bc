import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E_AUTH_SECRET } from './e2e/fixtures';

// Debian's chromium when present (this network forbids Playwright's browser download);
// Playwright's own browser elsewhere.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const launchOptions = fs.existsSync(SYSTEM_CHROMIUM)
  ? {
      executablePath: SYSTEM_CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    }
  : {};

const PORT = Number(process.env.E2E_PORT || 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    launchOptions,
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions }, dependencies: ['setup'] },
  ],
  webServer: {
    // Serves a freshly seeded demo on its own database (scripts/e2e-server.mjs refuses non-local ones).
    command: 'node scripts/e2e-server.mjs',
    url: `${BASE_URL}/signin`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { PORT: String(PORT), NEXTAUTH_SECRET: E2E_AUTH_SECRET },
  },
});
