import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { createApiKey } from './fixtures';

// The API reference (/ccaas/docs): an example request and response per endpoint, readable on a
// phone, and commands that work when pasted into a shell.

test.use({ storageState: { cookies: [], origins: [] } });

test('on a phone, the examples scroll inside their blocks and the page does not widen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/ccaas/docs#update-routing');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const card = page.locator('#update-routing');
  await expect(card.getByRole('heading', { name: 'Replace the route list' })).toBeVisible();
  const request = page.locator('#update-routing-request + pre');
  const response = page.locator('#update-routing-response + pre');
  await expect(request).toContainText('curl -X PUT "$BASE_URL/ccaas/1/routing"');
  await expect(request).toContainText(`-H 'If-Match: "7"'`);
  await expect(request).toContainText('"name": "Verified customers"');
  await expect(response).toContainText('"version": 8');

  const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
  expect(width.page, 'the page scrolls sideways').toBeLessThanOrEqual(width.view);

  // A keyboard user reaches the block and scrolls its long lines with the arrow keys.
  await request.focus();
  await expect(request).toBeFocused();
  expect(await request.evaluate((el) => el.scrollWidth > el.clientWidth), 'the request block has lines to scroll').toBe(true);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => request.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
});

test('the example commands work when pasted into a shell', async ({ page, browser, baseURL }) => {
  const key = await createApiKey(browser, 'docs');
  await page.goto('/ccaas/docs');
  // The examples that need no ids of this particular database: lists, and creating a tag.
  for (const id of ['get-tags', 'create-tag', 'get-conversations', 'get-agents', 'get-routing', 'get-filtered-working-hours', 'get-openapi-document']) {
    const command = await page.locator(`#${id}-request + pre`).innerText();
    expect(command, id).toMatch(/^curl /);
    const out = execFileSync('bash', ['-c', `${command} -sS -w '\\n%{http_code}'`], {
      encoding: 'utf8',
      env: { ...process.env, BASE_URL: baseURL, KEY: key },
    });
    const status = out.slice(out.lastIndexOf('\n') + 1);
    const body = out.slice(0, out.lastIndexOf('\n'));
    expect(status, `${id}: ${body.slice(0, 300)}`).toBe('200');
    const json = JSON.parse(body);
    if (id === 'create-tag') expect(json).toMatchObject({ name: 'vip' });
    if (id === 'get-tags') expect(json.tags.map((t: { name: string }) => t.name)).toContain('strong_auth');
    if (id === 'get-openapi-document') expect(json.openapi).toBe('3.1.0');
  }
});
