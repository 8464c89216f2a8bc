import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, storageState, unique } from './fixtures';

// Snooze (issue 15): a snoozed conversation waits, shown as snoozed, and comes back OPEN at its
// time without a reload (the sweep ticks every second on the test server, scripts/e2e-server.mjs),
// or as soon as the customer writes.

let apiKey: string;
const headers = () => ({ Authorization: `App ${apiKey}` });

async function create(request: APIRequestContext, topic: string): Promise<string> {
  const res = await request.post('/ccaas/1/conversations', {
    headers: headers(),
    data: { topic, channel: 'LIVE_CHAT', customer: { email: `e2e-${unique()}@example.org`, name: 'Sol Snooze' }, message: { text: 'Hello?' } },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

/** A datetime-local value `seconds` from now in the browser's own clock (seconds included: a short snooze). */
const inSeconds = (page: Page, seconds: number) =>
  page.evaluate((s) => {
    const d = new Date(Date.now() + s * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }, seconds);

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'snooze');
});

test.describe('snooze as admin', () => {
  test.use({ storageState: storageState('admin') });

  test('a short snooze shows as snoozed, then comes back Open on its own, live', async ({ page, request }) => {
    // It waits out a real snooze on a loaded machine.
    test.slow();
    const word = unique();
    const id = await create(request, `Snooze me ${word}`);
    await page.goto(`/inbox/${id}`);
    await page.getByRole('button', { name: 'Snooze…' }).click();
    await page.getByLabel('Until a time of your choosing').fill(await inSeconds(page, 8));
    await page.getByRole('group', { name: 'Snooze until' }).getByRole('button', { name: 'Snooze', exact: true }).click();
    await expect(page.getByTestId('snooze-state')).toContainText('Snoozed until');
    await expect(page.getByTestId('timeline-event').first()).toContainText('snoozed it for');

    await page.goto(`/inbox?q=${word}`);
    const row = page.getByTestId('conversation-row');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('snoozed-badge')).toBeVisible();
    await expect(row).toContainText('Waiting');
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

    // No reload: the sweep's event reaches the open inbox.
    await expect(row.getByTestId('snoozed-badge')).toBeHidden({ timeout: 30_000 });
    await expect(row).toContainText('Open');
    await page.goto(`/inbox/${id}`);
    await expect(page.getByTestId('timeline-event').first()).toContainText('Snooze ended: back to Open');
  });

  test('the Snoozed tab lists it until the customer writes, which wakes it at once', async ({ page, request }) => {
    test.slow();
    const word = unique();
    const id = await create(request, `Snoozed tab ${word}`);
    await page.goto(`/inbox/${id}`);
    await page.getByRole('button', { name: 'Snooze…' }).click();
    await page.getByRole('button', { name: 'Tomorrow 9:00' }).click();
    await expect(page.getByTestId('snooze-state')).toContainText('Snoozed until');

    await page.goto(`/inbox?snoozed=only&q=${word}`);
    await expect(page.getByRole('navigation', { name: 'Status' }).getByRole('link', { name: /Snoozed/ })).toHaveAttribute('aria-current', 'page');
    const rows = page.getByTestId('conversation-row');
    await expect(rows).toHaveCount(1);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

    const res = await request.post(`/ccaas/1/conversations/${id}/messages`, { headers: headers(), data: { direction: 'INBOUND', contentType: 'TEXT', content: { text: 'Any news?' } } });
    expect(res.status(), await res.text()).toBe(200);
    await expect(rows).toHaveCount(0);
    await page.goto(`/inbox?q=${word}`);
    await expect(page.getByTestId('conversation-row')).toContainText('Open');
  });
});
