import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, storageState, unique } from './fixtures';

// Other specs create and assign conversations on the same server at the same time, so global
// figures move under our feet: the queue checks use a queue of their own, and the agent check
// compares the page with the API until both agree.


let headers: { Authorization: string };

/** On the website chat (Ana, Ben and Chen collaborate); the queue has no members, so nobody is auto-assigned. */
async function createConversation(request: APIRequestContext, queueId: string): Promise<string> {
  const res = await request.post('/ccaas/1/conversations', {
    headers,
    data: { topic: `Dashboard ${unique()}`, channel: 'LIVE_CHAT', queueId, customer: { email: `e2e-${unique()}@example.org` } },
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { id: string; agentId?: string | null };
  expect(body.agentId ?? null).toBeNull();
  return body.id;
}

async function agentOf(request: APIRequestContext, id: string): Promise<string | null> {
  const res = await request.get(`/ccaas/1/conversations/${id}`, { headers });
  return ((await res.json()) as { agentId?: string | null }).agentId ?? null;
}

const queueRow = (page: Page, name: string) =>
  page.getByTestId('dashboard-queue').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

test.beforeAll(async ({ browser }) => {
  headers = { Authorization: `App ${await createApiKey(browser, 'dashboard')}` };
});

test.describe('dashboard as supervisor', () => {
  test.use({ storageState: storageState('supervisor') });

  test('a queue’s figures follow the conversations created and assigned in it, live', async ({ page, context, request }) => {
    const name = `E2E dashboard ${unique()}`;
    const created = await request.post('/ccaas/1/queues', { headers, data: { name } });
    expect(created.status(), await created.text()).toBe(200);
    const queueId = ((await created.json()) as { id: string }).id;

    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
    const row = queueRow(page, name);
    await expect(row.getByTestId('queue-open')).toHaveText('0');
    await expect(row.getByTestId('queue-unassigned')).toHaveText('0');
    await expect(row.getByTestId('queue-oldest')).toHaveText('—');
    await expect(row).toContainText('Nobody');
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

    // No reload: the page follows the events.
    const first = await createConversation(request, queueId);
    await createConversation(request, queueId);
    await expect(row.getByTestId('queue-open')).toHaveText('2');
    await expect(row.getByTestId('queue-unassigned')).toHaveText('2');
    await expect(row.getByTestId('queue-oldest')).toHaveText('now');

    // Assign one to Ana with the conversation's own dropdown, in another tab.
    const other = await context.newPage();
    await other.goto(`/inbox/${first}`);
    const select = other.getByLabel('Assigned Agent');
    const ana = (await select.locator('option', { hasText: 'Ana Alvarez' }).textContent())!;
    await expect(select).toBeEnabled();
    await select.selectOption({ label: ana });
    await expect.poll(() => agentOf(request, first)).not.toBeNull();
    const anaId = (await agentOf(request, first))!;
    await other.close();

    await expect(row.getByTestId('queue-open')).toHaveText('2');
    await expect(row.getByTestId('queue-unassigned')).toHaveText('1');
    await expect(row.getByRole('list', { name: `Assigned in ${name}` }).getByRole('listitem')).toHaveText(['Ana Alvarez 1']);

    // Ana's open load is what the API counts for her (retried: other specs assign to her too).
    const anaRow = page.getByTestId('dashboard-agent').filter({ has: page.getByRole('rowheader', { name: /^Ana Alvarez/ }) });
    await expect(async () => {
      await page.reload();
      const shown = Number(await anaRow.getByTestId('agent-open-load').textContent());
      const res = await request.get(`/ccaas/1/conversations?agentId=${anaId}&status=OPEN,WAITING&limit=1`, { headers });
      expect(shown).toBe(((await res.json()) as { pagination: { totalItems: number } }).pagination.totalItems);
    }).toPass({ timeout: 20_000 });
    expect(Number(await anaRow.getByTestId('agent-open-load').textContent())).toBeGreaterThanOrEqual(1);
  });

  test('charts render with accessible names, a summary and their numbers', async ({ page }) => {
    await page.goto('/dashboard');
    const hourly = page.getByRole('img', { name: /^Conversations created and assigned per hour\./ });
    const waiting = page.getByRole('img', { name: /^Open unassigned conversations by time waiting\./ });
    await expect(hourly).toBeVisible();
    await expect(waiting).toBeVisible();
    // The seed spreads conversations over the last month, so the last 24 hours have bars.
    await expect(hourly.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.getByTestId('chart-summary').first()).toContainText('In the last 24 hours');

    const card = page.getByRole('region', { name: 'Conversations per hour' });
    await card.getByText('Show the numbers').click();
    const table = card.getByRole('table', { name: 'Conversations per hour' });
    await expect(table.locator('tbody tr')).toHaveCount(24);
  });

  test('has no serious or critical accessibility violations', async ({ page }) => {
    await page.goto('/dashboard');
    await expect(page.getByRole('img', { name: /per hour/ })).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

test.describe('dashboard as agent', () => {
  test.use({ storageState: storageState('agent') });

  test('is refused by the server', async ({ page }) => {
    const res = await page.goto('/dashboard');
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
    await expect(page.getByTestId('dashboard-queue')).toHaveCount(0);
  });
});
