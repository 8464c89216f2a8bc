import { expect, test } from '@playwright/test';
import { storageState, unique } from './fixtures';

// An admin creates working hours with a holiday; a supervisor sees them read-only and makes a
// queue follow them; the admin then cannot delete them while the queue does.

test('admin creates working hours with a holiday; a supervisor reads them and picks them for a queue', async ({ browser }) => {
  const name = `E2E hours ${unique()}`;
  const admin = await browser.newContext({ storageState: storageState('admin') });
  const page = await admin.newPage();
  await page.goto('/working-hours');
  await page.getByRole('button', { name: 'New working hours' }).click();
  const form = page.getByRole('form', { name: 'New working hours' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Time zone').selectOption('Europe/Berlin');

  // A day that closes before it opens is refused by the field, before anything is sent.
  await form.getByLabel('Monday to').fill('08:00');
  await form.getByRole('button', { name: 'Create working hours' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Must be after the start time.' })).toBeVisible();
  await form.getByLabel('Monday to').fill('18:30');
  await form.getByLabel('Open on Sunday').uncheck();

  await form.getByRole('button', { name: 'Add a holiday' }).click();
  await form.getByLabel('Holiday 1 name').fill('Christmas Day');
  await form.getByLabel('Holiday 1 from').fill('2026-12-25');
  await form.getByLabel('Holiday 1 to').fill('2026-12-25');
  await form.getByRole('button', { name: 'Create working hours' }).click();
  await expect(form).toBeHidden();

  const card = page.getByTestId('working-hours-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
  await expect(card).toContainText('Europe/Berlin');
  // Open now, or closed with when they open next, in their own time zone.
  await expect(card.getByTestId('working-hours-status')).toHaveText(/^(Open now|Closed — opens (Mon|Tue|Wed|Thu|Fri|Sat)( \d+ [A-Z][a-z]{2})? \d{2}:\d{2} Europe\/Berlin)$/);
  await expect(card.getByRole('table', { name: `Week of ${name}` })).toContainText('Monday09:00–18:30');
  await expect(card.getByRole('table', { name: `Week of ${name}` })).toContainText('SundayClosed');
  await expect(card.getByRole('list', { name: `Holidays of ${name}` })).toHaveText('Christmas Day: 2026-12-25');

  // The supervisor: read-only here, and the queue card's select on the Queues page.
  const supervisor = await browser.newContext({ storageState: storageState('supervisor') });
  const sup = await supervisor.newPage();
  await sup.goto('/working-hours');
  const supCard = sup.getByTestId('working-hours-card').filter({ has: sup.getByRole('heading', { name, exact: true }) });
  await expect(supCard.getByRole('list', { name: `Holidays of ${name}` })).toHaveText('Christmas Day: 2026-12-25');
  await expect(supCard.getByRole('button', { name: `Edit working hours ${name}` })).toHaveCount(0);
  await expect(supCard.getByRole('button', { name: `Delete working hours ${name}` })).toHaveCount(0);
  await expect(sup.getByRole('button', { name: 'New working hours' })).toHaveCount(0);

  const queue = `E2E hours queue ${unique()}`;
  await sup.goto('/queues');
  const create = sup.getByRole('form', { name: 'Create a queue' });
  await create.getByLabel('New queue name').fill(queue);
  await create.getByRole('button', { name: 'Create queue' }).click();
  const queueCard = sup.getByTestId('queue-card').filter({ has: sup.getByRole('heading', { name: queue, exact: true }) });
  const select = queueCard.getByLabel(`Working hours of ${queue}`);
  await select.selectOption({ label: `${name} (Europe/Berlin)` });
  await expect(select.locator('option:checked')).toHaveText(`${name} (Europe/Berlin)`);
  await sup.reload();
  await expect(queueCard.getByLabel(`Working hours of ${queue}`).locator('option:checked')).toHaveText(`${name} (Europe/Berlin)`);

  // Back to the admin: the card names the queue, and deleting is refused while it follows them.
  await page.reload();
  await expect(card).toContainText(`Followed by ${queue}.`);
  await card.getByRole('button', { name: `Delete working hours ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete working hours “${name}”?` });
  await dialog.getByRole('button', { name: 'Delete working hours' }).click();
  await expect(dialog.getByRole('alert')).toContainText(queue);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The supervisor takes the queue off them; now the admin can delete them.
  await queueCard.getByLabel(`Working hours of ${queue}`).selectOption({ label: 'None' });
  await expect(queueCard.getByLabel(`Working hours of ${queue}`).locator('option:checked')).toHaveText('None');
  await sup.reload();
  await expect(queueCard.getByLabel(`Working hours of ${queue}`).locator('option:checked')).toHaveText('None');
  await page.reload();
  await card.getByRole('button', { name: `Delete working hours ${name}` }).click();
  await dialog.getByRole('button', { name: 'Delete working hours' }).click();
  await expect(card).toHaveCount(0);

  await queueCard.getByRole('button', { name: `Delete queue ${queue}` }).click();
  await sup.getByRole('dialog', { name: `Delete queue “${queue}”?` }).getByRole('button', { name: 'Delete queue' }).click();
  await expect(queueCard).toHaveCount(0);
  await admin.close();
  await supervisor.close();
});
