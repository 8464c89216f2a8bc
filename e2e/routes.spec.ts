import { expect, test, type Page } from '@playwright/test';
import { storageState, unique } from './fixtures';

/** Drags and edits need the page hydrated; being live (connected to events) says it is. */
async function openRoutes(page: Page) {
  await page.goto('/routes');
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
}

// The seeded demo's five routes, in order (prisma/seed-data.ts).
const SEEDED = ['Verified customers', 'WhatsApp account questions → Authentication bot', 'VIP', 'Billing', 'Night shift (disabled)'];

const routeNames = (page: Page) => page.getByRole('textbox', { name: 'Route name' }).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
const route = (page: Page, name: string) => page.getByTestId('route-item').filter({ has: page.getByRole('button', { name: `Reorder route ${name}`, exact: true }) });

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save routes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved as version \d+\.$/ })).toBeVisible();
  await expect(page.getByTestId('unsaved')).toHaveCount(0);
}

// Every test here changes or reads the one route list the whole server shares, so they run in
// order, each starting from the list the previous one saved; the last puts the seeded list back.
/** Puts the seeded list (version 1) back; with nothing saved since, it is the current one already. */
async function restoreSeeded(page: Page, opts: { unlessCurrent?: boolean } = {}) {
  await openRoutes(page);
  const history = page.getByRole('region', { name: 'Revision history' });
  await expect(history).toBeVisible();
  const restore = history.getByRole('button', { name: 'Restore version 1', exact: true });
  if (opts.unlessCurrent && (await restore.count()) === 0) return;
  await restore.click();
  await history.getByRole('group', { name: 'Confirm restoring version 1' }).getByRole('button', { name: 'Restore version 1' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Restored version 1 as version \d+\.$/ })).toBeVisible();
  await expect.poll(() => routeNames(page)).toEqual(SEEDED);
}

test.describe('route list as supervisor', () => {
  test.describe.configure({ mode: 'serial' });
  test.use({ storageState: storageState('supervisor') });

  // A retry runs the whole group again: start it from the seeded list, whatever the failed try left.
  test.beforeAll(async ({ browser }, testInfo) => {
    if (testInfo.retry === 0) return;
    const context = await browser.newContext({ storageState: storageState('supervisor') });
    await restoreSeeded(await context.newPage(), { unlessCurrent: true });
    await context.close();
  });

  test('drag route 3 above route 1 with the mouse, and save', async ({ page }) => {
    await openRoutes(page);
    await expect.poll(() => routeNames(page)).toEqual(SEEDED);
    const handle = page.getByRole('button', { name: 'Reorder route VIP', exact: true });
    const target = page.getByRole('button', { name: 'Reorder route Verified customers', exact: true });
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 - 8, { steps: 20 });
    await page.mouse.up();

    await expect.poll(() => routeNames(page)).toEqual(['VIP', 'Verified customers', 'WhatsApp account questions → Authentication bot', 'Billing', 'Night shift (disabled)']);
    await expect(page.getByText('Route VIP moved to position 1 of 5.')).toBeAttached();
    await expect(page.getByTestId('unsaved')).toBeVisible();
    await save(page);
  });

  test('move Billing up one with the keyboard; the order survives a reload', async ({ page }) => {
    await openRoutes(page);
    const handle = page.getByRole('button', { name: 'Reorder route Billing', exact: true });
    await handle.focus();
    // dnd-kit's keyboard sensor needs a moment between key presses to measure and move.
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(200);
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    const expected = ['VIP', 'Verified customers', 'Billing', 'WhatsApp account questions → Authentication bot', 'Night shift (disabled)'];
    await expect.poll(() => routeNames(page)).toEqual(expected);
    await expect(page.getByText('Route Billing moved to position 3 of 5.')).toBeAttached();
    await save(page);

    await page.reload();
    await expect.poll(() => routeNames(page)).toEqual(expected);
    await expect(page.getByTestId('unsaved')).toHaveCount(0);
  });

  test('a conversation created through the API is routed by the new order', async ({ page, browser, request }) => {
    const admin = await browser.newContext({ storageState: storageState('admin') });
    const people = await admin.newPage();
    await people.goto('/people');
    const form = people.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Key name').fill(`routes e2e ${unique()}`);
    await form.getByLabel('Acts as').selectOption('SUPERVISOR');
    await form.getByRole('button', { name: 'Create key' }).click();
    const key = await people.getByLabel('New API key').inputValue();
    await admin.close();
    const headers = { Authorization: `App ${key}` };

    const vip = (await (await request.get('/ccaas/1/queues?name=VIP', { headers })).json()).queues.find((q: { name: string }) => q.name === 'VIP');
    // WhatsApp + strong_auth used to go to "Verified customers" (route 1); VIP is first now.
    const created = await request.post('/ccaas/1/conversations', {
      headers,
      data: {
        channel: 'WHATSAPP',
        tags: ['strong_auth'],
        customer: { email: `gold-${unique()}@example.com`, name: 'Goldie', attributes: { tier: 'gold' } },
        message: { text: 'Hello there' },
      },
    });
    expect(created.status()).toBe(200);
    const { id } = await created.json();
    const got = await (await request.get(`/ccaas/1/conversations/${id}`, { headers })).json();
    expect(got.queueId).toBe(vip.id);
    expect(got.priority).toBe('HIGH');

    // The simulator agrees, condition by condition.
    await openRoutes(page);
    await page.getByLabel('Channel').selectOption('WHATSAPP');
    await page.getByLabel('Tags').fill('strong_auth');
    await page.getByLabel('Customer attributes').fill('tier=gold');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByTestId('simulation-outcome')).toContainText('Route 1 · VIP takes it → queue VIP, priority High.');
    // And says what auto-assignment would do next, by the queue's policy, without doing it.
    await expect(page.getByTestId('simulation-assignment')).toHaveText(/^→ (.+ \((round robin|load balancing: \d+ open, fewest|performance based: .+)\)|.+: waits unassigned)\.$/);
  });

  test('two supervisors save from the same version: the second is told at once, saving anyway is refused, and can reload', async ({ page, browser }) => {
    const other = await browser.newContext({ storageState: storageState('admin') });
    const second = await other.newPage();
    await openRoutes(page);
    await openRoutes(second);
    await expect(second.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

    // The second has unsaved changes when the first saves: they are kept, and the second is told live.
    await route(second, 'WhatsApp account questions → Authentication bot').getByLabel('Priority').selectOption('URGENT');
    await route(page, 'Night shift (disabled)').getByLabel('Priority').selectOption('NORMAL');
    await save(page);
    await expect(second.getByTestId('remote-save')).toContainText(/Sam Supervisor saved version \d+ while you were editing\./);
    await expect(route(second, 'WhatsApp account questions → Authentication bot').getByLabel('Priority')).toHaveValue('URGENT');

    await second.getByRole('button', { name: 'Save routes' }).click();
    const alert = second.getByRole('alert').filter({ hasText: 'Someone saved a newer version' });
    await expect(alert).toContainText(/Someone saved a newer version \(version \d+\)\. Reload to see it\./);
    // Nothing of the second save reached the list.
    await page.reload();
    await expect(route(page, 'WhatsApp account questions → Authentication bot').getByLabel('Priority')).toHaveValue('');

    await alert.getByRole('button', { name: 'Reload' }).click();
    await expect(alert).toBeHidden();
    await expect(route(second, 'Night shift (disabled)').getByLabel('Priority')).toHaveValue('NORMAL');
    await expect(route(second, 'WhatsApp account questions → Authentication bot').getByLabel('Priority')).toHaveValue('');
    await expect(second.getByTestId('unsaved')).toHaveCount(0);
    await other.close();
  });

  test('a supervisor with no unsaved changes sees another one’s save without reloading', async ({ page, browser }) => {
    const other = await browser.newContext({ storageState: storageState('admin') });
    const second = await other.newPage();
    await openRoutes(page);
    await openRoutes(second);
    await expect(second.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    const current = await route(page, 'Night shift (disabled)').getByLabel('Priority').inputValue();
    const next = current === 'LOW' ? 'HIGH' : 'LOW';
    await route(page, 'Night shift (disabled)').getByLabel('Priority').selectOption(next);
    await save(page);
    await expect(second.getByRole('status').filter({ hasText: /Sam Supervisor saved version \d+; you are looking at it\./ })).toBeVisible();
    await expect(route(second, 'Night shift (disabled)').getByLabel('Priority')).toHaveValue(next);
    await other.close();
  });

  test('the simulator ticks and crosses conditions on the draft and highlights the route that takes the sample', async ({ page }) => {
    await openRoutes(page);
    await page.getByLabel('Message text').fill('Where is my invoice?');
    await page.getByLabel('Channel').selectOption('EMAIL');
    await page.getByLabel('Customer attributes').fill('tier=gold');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByTestId('simulation-outcome')).toContainText('Route 1 · VIP takes it');
    await expect(route(page, 'VIP')).toHaveAttribute('data-matched', 'true');
    await expect(route(page, 'Billing').getByTestId('sim-badge')).toHaveText('Holds, but a route above takes it');

    // Turn VIP off in the draft (unsaved): the same sample now falls to Billing.
    await route(page, 'VIP').getByRole('switch', { name: 'Enabled' }).click();
    await expect(page.getByTestId('simulation-outcome')).toContainText('The routes changed since this run');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByTestId('simulation-outcome')).toContainText('Route 3 · Billing takes it → queue Billing.');
    const billing = route(page, 'Billing');
    await expect(billing).toHaveAttribute('data-matched', 'true');
    await expect(route(page, 'VIP')).not.toHaveAttribute('data-matched', 'true');
    await expect(route(page, 'VIP').getByTestId('sim-badge')).toHaveText('Off: skipped');
    // "invoice" holds, "refund" does not: one tick, one cross.
    const chips = billing.getByTestId('summary-condition');
    await expect(chips).toHaveText([/contains"invoice"/, /contains"refund"/]);
    await expect(chips.nth(0).getByTestId('trace-mark')).toHaveAttribute('data-result', 'pass');
    await expect(chips.nth(1).getByTestId('trace-mark')).toHaveAttribute('data-result', 'fail');
    // The same marks inside the condition builder.
    await billing.getByRole('button', { name: 'Edit conditions' }).click();
    await expect(billing.getByRole('group', { name: 'Condition 1' }).getByTestId('trace-mark')).toHaveAttribute('data-result', 'pass');
    await expect(billing.getByRole('group', { name: 'Condition 2' }).getByTestId('trace-mark')).toHaveAttribute('data-result', 'fail');

    await page.getByLabel('Message text').fill('Just saying hello');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByTestId('simulation-outcome')).toContainText('No route matches → default queue General support.');
    await expect(page.locator('[data-matched="true"]')).toHaveCount(0);

    await page.getByRole('button', { name: 'Run what-if' }).click();
    await expect(page.getByTestId('what-if')).toContainText(/\d+ of \d+ conversations would move\./);
    await expect(page.getByTestId('what-if').getByRole('columnheader')).toHaveText(['Queue', 'Now', 'Draft', 'Difference']);

    // Discarding asks first: "Keep editing" keeps the draft, the dialog's "Discard changes" drops it.
    await page.getByRole('button', { name: 'Discard changes' }).click();
    const ask = page.getByRole('dialog', { name: 'Discard your unsaved changes?' });
    await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await expect(ask).toBeHidden();
    await expect(page.getByTestId('unsaved')).toBeVisible();
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page.getByTestId('unsaved')).toHaveCount(0);
  });

  test('build a condition without writing JSON; faults are shown on the condition', async ({ page }) => {
    await openRoutes(page);
    await page.getByRole('button', { name: '+ Add route' }).click();
    const added = route(page, 'New route 6');
    await added.getByLabel('Route name').fill('Gold or platinum in DACH');
    const item = route(page, 'Gold or platinum in DACH');
    const first = item.getByRole('group', { name: 'Condition 1' });
    await first.getByLabel('Attribute').selectOption('customer.*');
    await first.getByLabel('Customer attribute name').fill('tier');
    await first.getByLabel('Operator').selectOption('$in');
    await first.getByLabel('Add a value').fill('gold');
    await first.getByLabel('Add a value').press('Enter');
    await first.getByLabel('Add a value').fill('platinum');
    await first.getByLabel('Add a value').press('Enter');
    await item.getByRole('button', { name: '+ Add group' }).click();
    const group = item.getByRole('group', { name: 'Group 1', exact: true });
    await group.getByRole('checkbox', { name: 'NOT' }).check();
    const inner = group.getByRole('group', { name: 'Group 1, condition 1' });
    await inner.getByLabel('Attribute').selectOption('customer.country');

    // An empty value is caught before anything is sent.
    await expect(inner.getByTestId('condition-fault')).toHaveText('Enter a value.');
    await page.getByRole('button', { name: 'Save routes' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'A route needs fixing first; nothing was saved.' })).toBeVisible();

    await inner.getByLabel('Value', { exact: true }).fill('US');
    // The value stays when the operator changes.
    await inner.getByLabel('Operator').selectOption('$eq');
    await expect(item.getByTestId('condition-fault')).toHaveCount(0);
    const json = JSON.parse((await item.getByTestId('expression-json').textContent()) ?? 'null');
    expect(json).toEqual({ $and: [{ $in: { 'customer.tier': ['gold', 'platinum'] } }, { $not: { $eq: { 'customer.country': 'US' } } }] });
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('dialog', { name: 'Discard your unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await expect(routeNames(page)).resolves.not.toContain('Gold or platinum in DACH');
  });

  test('restore the seeded version from the history', async ({ page }) => {
    await restoreSeeded(page);
    await page.reload();
    await expect.poll(() => routeNames(page)).toEqual(SEEDED);
  });
});
