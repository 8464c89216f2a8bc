import { expect, test, type APIRequestContext } from '@playwright/test';
import { createApiKey, ROLES, storageState, unique } from './fixtures';
import { CANNED_TITLE_MAX } from '../lib/validation/canned-replies';

// Issue 15, items 5, 6, 8 and 9: toasts that leave the list readable, ids where they are needed,
// dashboard figures that say what they count, limits that refuse instead of cut, a favicon.

let apiKey: string;
const auth = () => ({ Authorization: `App ${apiKey}` });

async function generalQueue(request: APIRequestContext): Promise<string> {
  const res = await request.get('/ccaas/1/queues?name=General', { headers: auth() });
  return ((await res.json()) as { queues: { id: string; name: string }[] }).queues.find((q) => q.name === 'General support')!.id;
}

async function createConversation(request: APIRequestContext, topic: string, queueId?: string): Promise<string> {
  const res = await request.post('/ccaas/1/conversations', {
    headers: auth(),
    data: { topic, channel: 'SMS', ...(queueId && { queueId }), customer: { email: `e2e-${unique()}@example.org`, name: 'Fay Fixes' }, message: { text: 'Hello' } },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'console-fixes');
});

test('the favicon is served, and pages point at an icon', async ({ request, page }) => {
  const ico = await request.get('/favicon.ico');
  expect(ico.status()).toBe(200);
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  await page.goto('/signin');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toBeTruthy();
  expect((await request.get(href!)).status()).toBe(200);
  expect(missing).toEqual([]);
});

test.describe('as an agent', () => {
  test.use({ storageState: storageState('agent') });

  test('four toasts at once: two shown, the rest counted, Dismiss all clears them', async ({ page, request }) => {
    const queueId = await generalQueue(request);
    const ids = await Promise.all([1, 2, 3, 4].map((n) => createConversation(request, `Toast ${n} ${unique()}`, queueId)));
    const me = await request.get('/ccaas/1/agents?limit=999', { headers: auth() });
    const ana = ((await me.json()) as { agents: { id: string; email?: string; displayName?: string }[] }).agents.find((a) => a.email === ROLES.agent.email || a.displayName === ROLES.agent.name)!;
    await page.goto('/inbox');
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    for (const id of ids) {
      const res = await request.put(`/ccaas/1/conversations/${id}/assignee`, { headers: auth(), data: { agentId: ana.id } });
      expect(res.status(), await res.text()).toBe(200);
    }
    const region = page.getByRole('region', { name: 'Notifications' });
    await expect(region.getByTestId('toasts-earlier')).toContainText(/\d+ earlier/);
    await expect(region.getByTestId('toast')).toHaveCount(2);
    await region.getByRole('button', { name: 'Dismiss all' }).click();
    await expect(region.getByTestId('toast')).toHaveCount(0);
  });

  test('the conversation page shows its id, copyable; a tag refusal clears with the name; the topic counts and refuses', async ({ page, request }) => {
    const id = await createConversation(request, `Ids ${unique()}`, await generalQueue(request));
    await page.goto(`/inbox/${id}`);
    const shown = page.getByTestId('conversation-id');
    await expect(shown.locator('code')).toHaveText(id);
    await expect(shown.getByRole('button', { name: 'Copy Conversation ID' })).toBeVisible();

    const tag = page.getByLabel('Add a tag');
    await tag.fill('not a tag!');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const tagCard = page.getByRole('region', { name: 'Tags' });
    await expect(tagCard.getByRole('alert')).toBeVisible();
    await tag.fill('');
    await expect(tagCard.getByRole('alert')).toHaveCount(0);

    await page.getByRole('button', { name: 'Edit topic' }).click();
    const topic = page.getByRole('textbox', { name: 'Topic' });
    await topic.fill('t'.repeat(1001));
    await expect(topic).toHaveValue('t'.repeat(1001));
    await expect(page.getByText('1,001 / 1,000')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save topic' })).toBeDisabled();
  });
});

test.describe('as a supervisor', () => {
  test.use({ storageState: storageState('supervisor') });

  test('the dashboard says what "open" counts, and its split adds up', async ({ page }) => {
    await page.goto('/dashboard');
    const total = Number(await page.getByTestId('total-open').textContent());
    const split = (await page.getByTestId('total-open-split').textContent()) ?? '';
    const m = /^(\d+) open · (\d+) waiting on the customer$/.exec(split);
    expect(m, split).not.toBeNull();
    expect(Number(m![1]) + Number(m![2])).toBe(total);
    await expect(page.getByTestId('median-assign-note')).toContainText(/on arrival|Nobody was assigned/);
    // Seeded agents went offline last evening, not "12w" ago.
    await expect(page.getByTestId('dashboard-agent').first()).not.toContainText(/\d+w\b/);
  });

  test('the route builder picks the conversation inbox by name', async ({ page, request }) => {
    const inboxes = await request.get('/ccaas/1/inboxes', { headers: auth() });
    const list = ((await inboxes.json()) as { inboxes: { id: string; name: string }[] }).inboxes;
    await page.goto('/routes');
    await page.getByRole('button', { name: '+ Add route' }).click();
    const item = page.getByTestId('route-item').last();
    const first = item.getByRole('group', { name: 'Condition 1' });
    await first.getByLabel('Attribute').selectOption('conversation.inboxId');
    const pick = first.getByRole('combobox', { name: 'Inbox' });
    await expect(pick.locator('option', { hasText: list[0].name })).toHaveCount(1);
    await pick.selectOption({ label: list[0].name });
    const json = JSON.parse((await item.getByTestId('expression-json').textContent()) ?? 'null');
    expect(JSON.stringify(json)).toContain(list[0].id);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('dialog', { name: 'Discard your unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await expect(page.getByTestId('unsaved')).toHaveCount(0);
  });
});

// Item 9 in the forms added since: an over-long value is kept whole, counted and refused, never cut.
test.describe('as an admin, every form refuses over-long text instead of cutting it', () => {
  test.use({ storageState: storageState('admin') });

  test('API key name, working hours name, away message and holiday name, canned reply title', async ({ page }) => {
    await page.goto('/people');
    const keyForm = page.getByRole('form', { name: 'Create an API key' });
    const keyName = keyForm.getByLabel('Key name');
    await keyName.fill('k'.repeat(101));
    await expect(keyName).toHaveValue('k'.repeat(101));
    await expect(keyForm.getByTestId('char-count')).toHaveText('101 / 100 characters');
    await expect(keyForm.getByRole('alert')).toHaveText('At most 100 characters (1 too many).');
    await expect(keyForm.getByRole('button', { name: /Create/ })).toBeDisabled();
    await keyName.fill('k'.repeat(100));
    await expect(keyForm.getByRole('alert')).toHaveCount(0);
    await expect(keyForm.getByRole('button', { name: /Create/ })).toBeEnabled();

    await page.goto('/working-hours');
    await page.getByRole('button', { name: 'New working hours' }).click();
    const hours = page.getByRole('form', { name: 'New working hours' });
    const create = hours.getByRole('button', { name: 'Create working hours' });
    await hours.getByLabel('Name').fill('h'.repeat(256));
    await expect(hours.getByLabel('Name')).toHaveValue('h'.repeat(256));
    await expect(hours.getByRole('alert')).toHaveText('At most 255 characters (1 too many).');
    await expect(create).toBeDisabled();
    await hours.getByLabel('Name').fill(`Limits ${unique()}`);
    await hours.getByRole('textbox', { name: 'Away message' }).fill('m'.repeat(4001));
    await expect(hours.getByRole('alert')).toHaveText('At most 4000 characters (1 too many).');
    await expect(create).toBeDisabled();
    await hours.getByRole('textbox', { name: 'Away message' }).fill('Back soon.');
    await hours.getByRole('button', { name: 'Add a holiday' }).click();
    await hours.getByLabel('Holiday 1 name').fill('d'.repeat(260));
    await expect(hours.getByRole('alert')).toHaveText('At most 255 characters (5 too many).');
    await expect(create).toBeDisabled();
    await hours.getByLabel('Holiday 1 name').fill('Holiday');
    await expect(hours.getByRole('alert')).toHaveCount(0);
    await expect(create).toBeEnabled();

    await page.goto('/canned-replies');
    await page.getByRole('button', { name: 'New shared reply' }).click();
    const canned = page.getByRole('form', { name: 'New shared reply' });
    await canned.getByLabel('Title').fill('t'.repeat(CANNED_TITLE_MAX + 2));
    await expect(canned.getByLabel('Title')).toHaveValue('t'.repeat(CANNED_TITLE_MAX + 2));
    await expect(canned.getByRole('alert')).toHaveText(`At most ${CANNED_TITLE_MAX} characters (2 too many).`);
    await expect(canned.getByRole('button', { name: 'Add reply' })).toBeDisabled();
  });
});
