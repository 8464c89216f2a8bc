import { expect, test } from '@playwright/test';
import { storageState, unique } from './fixtures';


test.describe('queues as supervisor', () => {
  test.use({ storageState: storageState('supervisor') });

  test('create a queue, rename it, add and remove a member, delete it', async ({ page }) => {
    const name = `E2E queue ${unique()}`;
    const renamed = `${name} renamed`;
    await page.goto('/queues');
    const form = page.getByRole('form', { name: 'Create a queue' });
    await form.getByLabel('New queue name').fill(name);
    await form.getByRole('button', { name: 'Create queue' }).click();
    await expect(form.getByRole('status')).toHaveText(`Queue “${name}” created.`);
    const card = page.getByTestId('queue-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
    await expect(card).toContainText('No members.');
    await expect(card).toContainText('No route points here.');

    // A second queue of the same name is refused by the field.
    await form.getByLabel('New queue name').fill(name);
    await form.getByRole('button', { name: 'Create queue' }).click();
    await expect(form.getByRole('alert')).toHaveText('Already in use.');

    await card.getByRole('button', { name: `Rename queue ${name}` }).click();
    await card.getByLabel('Queue name').fill(renamed);
    await card.getByLabel('Queue name').press('Enter');
    const renamedCard = page.getByTestId('queue-card').filter({ has: page.getByRole('heading', { name: renamed, exact: true }) });
    await expect(renamedCard).toBeVisible();
    await expect(page.getByRole('heading', { name, exact: true })).toHaveCount(0);

    await renamedCard.getByLabel(`Add a member to ${renamed}`).selectOption({ label: 'Ana Alvarez' });
    await renamedCard.getByRole('button', { name: 'Add', exact: true }).click();
    const members = renamedCard.getByRole('list', { name: `Members of ${renamed}` });
    await expect(members).toContainText('Ana Alvarez');
    // Ana is no longer offered: she is a member already.
    await expect(renamedCard.getByLabel(`Add a member to ${renamed}`).locator('option', { hasText: 'Ana Alvarez' })).toHaveCount(0);
    await renamedCard.getByRole('button', { name: `Remove Ana Alvarez from ${renamed}` }).click();
    await expect(renamedCard).toContainText('No members.');

    await renamedCard.getByRole('button', { name: `Delete queue ${renamed}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete queue “${renamed}”?` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(renamedCard).toBeVisible();
    await renamedCard.getByRole('button', { name: `Delete queue ${renamed}` }).click();
    await dialog.getByRole('button', { name: 'Delete queue' }).click();
    await expect(renamedCard).toHaveCount(0);
  });

  test('deleting a queue a route points to is refused, naming the route', async ({ page }) => {
    await page.goto('/queues');
    const card = page.getByTestId('queue-card').filter({ has: page.getByRole('heading', { name: 'Billing', exact: true }) });
    await card.getByRole('button', { name: 'Delete queue Billing' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete queue “Billing”?' });
    await dialog.getByRole('button', { name: 'Delete queue' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Not deleted.');
    await expect(dialog.getByRole('alert')).toContainText('Routes point to this queue: Billing. Change or remove them first.');
    await expect(dialog.getByRole('link', { name: 'Open the routes' })).toHaveAttribute('href', '/routes');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.reload();
    await expect(card).toBeVisible();
  });
});

test.describe('queues and routes as agent', () => {
  test.use({ storageState: storageState('agent') });

  test('are refused by the server', async ({ page }) => {
    for (const path of ['/queues', '/routes']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
      await expect(page.getByTestId('queue-card')).toHaveCount(0);
      await expect(page.getByTestId('route-item')).toHaveCount(0);
    }
  });
});
