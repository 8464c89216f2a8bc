import { expect, test } from '@playwright/test';
import { storageState, unique } from './fixtures';

test.describe('audit log as admin', () => {
  test.use({ storageState: storageState('admin') });

  test('a key made on the People page is in the log with who and what, found by the filters', async ({ page }) => {
    const name = `e2e audited ${unique()}`;
    await page.goto('/people');
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Key name').fill(name);
    await form.getByRole('button', { name: 'Create key' }).click();
    await expect(page.getByText('It will not be shown again.')).toBeVisible();

    await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    const filters = page.getByRole('form', { name: 'Filter the audit log' });
    await filters.getByLabel('Entity type').selectOption('API_KEY');
    await filters.getByLabel('Text').fill(name);
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/entity=API_KEY/);
    const rows = page.getByTestId('audit-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`API key ${name}`);
    await expect(rows.first()).toContainText('create');
    await expect(rows.first()).toContainText('Alex Admin');
    await expect(rows.first()).toContainText('ownerName:');

    // The bot user made for the key is there too, as a user.
    await filters.getByLabel('Entity type').selectOption('USER');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect(rows.first()).toContainText(`User ${name}`);

    // A filter the log cannot use says so.
    await page.goto('/audit?from=2026-99-99');
    const refusal = page.getByRole('alert').filter({ hasText: 'These filters cannot be used' });
    await expect(refusal).toContainText('from: Not a date.');
    await expect(page.getByTestId('audit-row')).toHaveCount(0);
  });
});

for (const role of ['supervisor', 'agent'] as const) {
  test.describe(`audit log as ${role}`, () => {
    test.use({ storageState: storageState(role) });

    test('is refused by the server and not in the sidebar', async ({ page }) => {
      const res = await page.goto('/audit');
      expect(res?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
      await expect(page.getByTestId('audit-row')).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    });
  });
}
