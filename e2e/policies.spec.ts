import { expect, test } from '@playwright/test';
import { createApiKey, NEW_USER_PASSWORD, storageState, unique } from './fixtures';

// Assignment policies as data (SPEC §4): an admin changes a queue's algorithm and sticky agent on
// the Queues page and an agent's capacity on the People page; each survives a reload and is what
// the API answers. Everything here is made by the test, so other specs' queues and people stay as
// they are.

let apiKey: string;

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'policies');
});

test.describe('assignment policies as admin', () => {
  test.use({ storageState: storageState('admin') });

  test('a queue’s algorithm and sticky agent, set in its settings panel', async ({ page, request }) => {
    const name = `E2E policy ${unique()}`;
    await page.goto('/queues');
    const form = page.getByRole('form', { name: 'Create a queue' });
    await form.getByLabel('New queue name').fill(name);
    await form.getByRole('button', { name: 'Create queue' }).click();
    await expect(form.getByRole('status')).toHaveText(`Queue “${name}” created.`);
    const card = page.getByTestId('queue-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
    const panel = card.getByTestId('queue-assignment');
    await expect(panel).toContainText('Auto · Round robin');

    await panel.getByText('Assignment:').click();
    const settings = panel.getByRole('form', { name: `Assignment settings of ${name}` });
    await settings.getByLabel('Algorithm').selectOption('LOAD_BALANCING');
    await expect(settings).toContainText('fewest open conversations');
    await settings.getByLabel('Sticky agent').check();
    // Out of range: refused by the field, nothing saved.
    await settings.getByLabel('Within how many days').fill('400');
    await settings.getByRole('button', { name: 'Save assignment settings' }).click();
    await expect(settings.getByRole('alert')).toHaveText('At most 365 days.');
    await expect(panel.getByRole('status')).toHaveCount(0);

    await settings.getByLabel('Within how many days').fill('14');
    await settings.getByRole('button', { name: 'Save assignment settings' }).click();
    await expect(panel.getByRole('status')).toHaveText('Assignment settings saved.');
    await expect(panel).toContainText('Auto · Load balancing · sticky 14 days');

    await page.reload();
    const again = page.getByTestId('queue-card').filter({ has: page.getByRole('heading', { name, exact: true }) }).getByTestId('queue-assignment');
    await expect(again).toContainText('Auto · Load balancing · sticky 14 days');
    await again.getByText('Assignment:').click();
    await expect(again.getByLabel('Algorithm')).toHaveValue('LOAD_BALANCING');
    await expect(again.getByLabel('Within how many days')).toHaveValue('14');

    const res = await request.get(`/ccaas/1/queues?name=${encodeURIComponent(name)}`, { headers: { Authorization: `App ${apiKey}` } });
    expect(res.status()).toBe(200);
    const { queues } = (await res.json()) as { queues: Record<string, unknown>[] };
    expect(queues).toHaveLength(1);
    expect(queues[0]).toMatchObject({ isAutoAssignmentEnabled: true, autoAssignmentAlgorithm: 'LOAD_BALANCING', isStickyAutoAssignmentEnabled: true, stickyAgentTimeoutDays: 14 });
  });

  test('an agent’s capacity, set on the People page', async ({ page, request }) => {
    const name = `E2E Capacity ${unique()}`;
    await page.goto('/people');
    const create = page.getByRole('form', { name: 'Create a user' });
    await create.getByLabel('Name').fill(name);
    await create.getByLabel('Email').fill(`${name.toLowerCase().replace(/\s+/g, '-')}@example.org`);
    await create.getByLabel('Initial password').fill(NEW_USER_PASSWORD);
    await create.getByRole('button', { name: /Create/ }).click();
    const row = page.getByTestId('person-row').filter({ hasText: name });
    await expect(row).toBeVisible();
    const field = row.getByLabel(`Capacity of ${name}`, { exact: true });
    await expect(field).toHaveValue('');

    await field.fill('0');
    await row.getByRole('button', { name: `Save capacity of ${name}` }).click();
    await expect(row.getByRole('alert')).toHaveText('At least 1 (empty, or null, is unlimited).');

    await field.fill('3');
    await row.getByRole('button', { name: `Save capacity of ${name}` }).click();
    await expect(row).toContainText('0 / 3');
    await expect(row.getByRole('alert')).toHaveCount(0);

    await page.reload();
    const reloaded = page.getByTestId('person-row').filter({ hasText: name });
    await expect(reloaded.getByRole('textbox')).toHaveValue('3');
    await expect(reloaded).toContainText('0 / 3');

    const res = await request.get(`/ccaas/1/agents?displayName=${encodeURIComponent(name)}`, { headers: { Authorization: `App ${apiKey}` } });
    expect(res.status()).toBe(200);
    const { agents } = (await res.json()) as { agents: { displayName: string; capacity: number | null }[] };
    expect(agents.map((a) => [a.displayName, a.capacity])).toEqual([[name, 3]]);
  });
});
