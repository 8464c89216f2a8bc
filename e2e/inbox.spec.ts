import { expect, test } from '@playwright/test';
import { storageState } from './fixtures';

function totalOf(text: string | null): number {
  const m = /of ([\d,]+)/.exec(text ?? '');
  if (!m) throw new Error(`no total in "${text}"`);
  return Number(m[1].replace(/,/g, ''));
}

test.describe('inbox as admin', () => {
  test.use({ storageState: storageState('admin') });

  test('lists the seeded conversations, paginated, with their properties', async ({ page }) => {
    // Every status (the default view is unsolved work only: e2e/inbox-views.spec.ts).
    await page.goto('/inbox?status=all');
    const rows = page.getByTestId('conversation-row');
    await expect(rows).toHaveCount(25);
    const pagination = page.getByRole('navigation', { name: 'Pagination' });
    expect(totalOf(await pagination.textContent())).toBeGreaterThanOrEqual(200);
    const headers = page.getByRole('columnheader');
    // Sortable headers carry an arrow after their name.
    await expect(headers).toHaveText(['Select', 'Conversation', 'Status', /^Priority/, 'Queue', 'Agent', 'Tags', /^Waiting/, /^Customer wrote/, /^Created/]);
    // Every row shows a status and a priority from the enums.
    for (const text of await rows.allTextContents()) {
      expect(text).toMatch(/Open|Waiting|Solved|Closed/);
      expect(text).toMatch(/Urgent|High|Normal|Low/);
    }

    const firstPage = await rows.first().textContent();
    await pagination.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/page=1/);
    await expect(pagination).toContainText('26–50');
    await expect(rows.first()).not.toHaveText(firstPage ?? '');
  });

  test('status tabs filter the list and agree with their counts', async ({ page }) => {
    await page.goto('/inbox');
    const tab = page.getByRole('navigation', { name: 'Status' }).getByRole('link', { name: /Closed/ });
    const count = Number((await tab.locator('span').textContent()) ?? 'NaN');
    expect(count).toBeGreaterThan(0);
    await tab.click();
    await expect(page).toHaveURL(/status=CLOSED/);
    await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(`of ${count}`);
    for (const text of await page.getByTestId('conversation-row').allTextContents()) expect(text).toContain('Closed');
  });
});

test.describe('inbox as agent', () => {
  test.use({ storageState: storageState('agent') });

  test('shows only what the agent may see: fewer than everything', async ({ page, browser }) => {
    await page.goto('/inbox');
    const mine = totalOf(await page.getByRole('navigation', { name: 'Pagination' }).textContent());
    expect(mine).toBeGreaterThan(0);

    const admin = await browser.newContext({ storageState: storageState('admin') });
    const adminPage = await admin.newPage();
    await adminPage.goto('/inbox');
    const all = totalOf(await adminPage.getByRole('navigation', { name: 'Pagination' }).textContent());
    await admin.close();
    expect(mine).toBeLessThan(all);
  });
});
