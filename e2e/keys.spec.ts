import { expect, test } from '@playwright/test';
import { storageState, unique } from './fixtures';


test.describe('API keys as admin', () => {
  test.use({ storageState: storageState('admin') });

  test('create a key, call the API with it, revoke it: the API refuses it from then on', async ({ page, request }) => {
    const name = `e2e key ${unique()}`;
    await page.goto('/people');
    await expect(page.getByRole('heading', { name: 'API keys', level: 2 })).toBeVisible();
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Key name').fill(name);
    await form.getByLabel('Acts as').selectOption('SUPERVISOR');
    await form.getByRole('button', { name: 'Create key' }).click();

    await expect(page.getByText('It will not be shown again.')).toBeVisible();
    const key = await page.getByLabel('New API key').inputValue();
    expect(key).toMatch(/^sbk_[A-Za-z0-9_-]{20,}$/);
    const row = page.getByTestId('api-key-row').filter({ hasText: name });
    await expect(row).toContainText(`${key.slice(0, 12)}…`);
    await expect(row).toContainText('Supervisor');
    await expect(row).toContainText('Alex Admin');
    // The default owner is a new bot user named after the key.
    await expect(row.getByRole('cell').nth(3)).toHaveText(`${name}(bot user)`);
    await expect(row).toContainText('Active');

    const headers = { Authorization: `App ${key}` };
    const ok = await request.get('/ccaas/1/conversations?limit=1', { headers });
    expect(ok.status()).toBe(200);
    const body = await ok.json();
    expect(body.pagination).toMatchObject({ page: 0, limit: 1 });
    expect(body.pagination.totalItems).toBeGreaterThan(0);

    // Shown once: after a reload only the prefix is left, and the list says the key was used.
    await page.reload();
    await expect(page.getByLabel('New API key')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(key);
    await expect(row.getByRole('cell').nth(6)).not.toHaveText('Never');

    await row.getByRole('button', { name: `Revoke key ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke “${name}”?` });
    await expect(dialog).toBeVisible();
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('Active');

    await row.getByRole('button', { name: `Revoke key ${name}` }).click();
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('Revoked');
    await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);

    const refused = await request.get('/ccaas/1/conversations?limit=1', { headers });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).requestError.serviceException.messageId).toBe('UNAUTHORIZED');
  });

  test('a key owned by an agent offers no role above the agent’s and acts as the agent', async ({ page, request }) => {
    const name = `e2e ana key ${unique()}`;
    await page.goto('/people');
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Key name').fill(name);
    await form.getByLabel('Owner').selectOption({ label: 'Ana Alvarez (Agent)' });
    await expect(form.getByLabel('Acts as').locator('option')).toHaveText(['Agent']);
    await expect(form.getByText('Acts as Ana Alvarez: sees what they see.')).toBeVisible();
    await form.getByRole('button', { name: 'Create key' }).click();
    await expect(page.getByText('It will not be shown again.')).toBeVisible();
    const key = await page.getByLabel('New API key').inputValue();
    const row = page.getByTestId('api-key-row').filter({ hasText: name });
    await expect(row.getByRole('cell').nth(3)).toHaveText('Ana Alvarez');
    const headers = { Authorization: `App ${key}` };
    // An agent's key: agents' reads are a supervisor's, refused.
    expect((await request.get('/ccaas/1/agents', { headers })).status()).toBe(403);
    expect((await request.get('/ccaas/1/conversations?limit=1', { headers })).status()).toBe(200);
  });

  test('a key needs a name: the refusal is shown by the field', async ({ page }) => {
    await page.goto('/people');
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByRole('button', { name: 'Create key' }).click();
    await expect(form.getByRole('alert')).toHaveText('Give the key a name.');
    await expect(form.getByLabel('Key name')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('New API key')).toHaveCount(0);
  });
});

test.describe('API keys as agent', () => {
  test.use({ storageState: storageState('agent') });

  test('is refused the keys page by the server', async ({ page }) => {
    const res = await page.goto('/people');
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'API keys' })).toHaveCount(0);
    await expect(page.getByTestId('api-key-row')).toHaveCount(0);
  });
});
