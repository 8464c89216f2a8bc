import { expect, test, type APIRequestContext } from '@playwright/test';
import { createApiKey, ROLES, storageState, unique } from './fixtures';

// Bulk actions (issue 15): rows checked in the inbox, one action, a summary of what was done and
// why the rest was refused. The conversations are the test's own, made over the HTTP API and
// found by a word in their topic, so other specs' changes do not matter.

let apiKey: string;

async function create(request: APIRequestContext, topic: string, status?: string): Promise<string> {
  const headers = { Authorization: `App ${apiKey}` };
  const res = await request.post('/ccaas/1/conversations', {
    headers,
    data: { topic, channel: 'LIVE_CHAT', customer: { email: `e2e-${unique()}@example.org`, name: 'Bo Bulk' }, message: { text: 'Hello?' } },
  });
  expect(res.status(), await res.text()).toBe(200);
  const { id } = (await res.json()) as { id: string };
  if (status) expect((await request.patch(`/ccaas/1/conversations/${id}`, { headers, data: { status } })).status()).toBe(200);
  return id;
}

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'bulk');
});

test.describe('bulk actions as admin', () => {
  test.use({ storageState: storageState('admin') });

  test('assigns the selected rows to me and says which one was refused and why', async ({ page, request }) => {
    const word = unique();
    await create(request, `Bulk one ${word}`);
    await create(request, `Bulk two ${word}`);
    await create(request, `Bulk closed ${word}`, 'CLOSED');
    await page.goto(`/inbox?q=${word}`);
    const rows = page.getByTestId('conversation-row');
    await expect(rows).toHaveCount(3);

    await page.getByRole('checkbox', { name: 'Select all conversations on this page' }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await expect(bar).toContainText('3 selected');
    await bar.getByLabel('Action').selectOption('assign');
    await bar.getByLabel('Agent').selectOption({ label: 'Me' });
    await bar.getByRole('button', { name: 'Apply to 3' }).click();

    await expect(page.getByTestId('bulk-summary')).toHaveText('2 assigned to you, 1 refused: closed');
    for (const topic of ['Bulk one', 'Bulk two']) await expect(rows.filter({ hasText: topic })).toContainText(ROLES.admin.name);
    const closed = rows.filter({ hasText: 'Bulk closed' });
    await expect(closed).not.toContainText(ROLES.admin.name);
    // The refused row stays checked, the others not.
    await expect(bar).toContainText('1 selected');
    await expect(closed.getByTestId('row-checkbox')).toBeChecked();
    await expect(rows.filter({ hasText: 'Bulk one' }).getByTestId('row-checkbox')).not.toBeChecked();
  });

  test('tags the checked rows only', async ({ page, request }) => {
    const word = unique();
    await create(request, `Tag me ${word}`);
    await create(request, `Leave me ${word}`);
    await page.goto(`/inbox?q=${word}`);
    const rows = page.getByTestId('conversation-row');
    await expect(rows).toHaveCount(2);
    await rows.filter({ hasText: 'Tag me' }).getByTestId('row-checkbox').check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByLabel('Action').selectOption('addTag');
    const tag = `bulk-${word}`;
    await bar.getByLabel('Tag').fill(tag);
    await bar.getByRole('button', { name: 'Apply to 1' }).click();
    await expect(page.getByTestId('bulk-summary')).toHaveText(`1 tagged ${tag}`);
    await expect(rows.filter({ hasText: 'Tag me' })).toContainText(`#${tag}`);
    await expect(rows.filter({ hasText: 'Leave me' })).not.toContainText(`#${tag}`);
    await expect(bar).toBeHidden();
  });
});
