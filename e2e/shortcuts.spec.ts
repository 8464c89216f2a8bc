import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, storageState, unique } from './fixtures';

// The inbox's keyboard shortcuts (issue 6), as Ana (agent). Conversations are made through the API
// on WhatsApp (the "WhatsApp DE" inbox: Ana collaborates) in the "Authentication bot" queue, which
// has no members, so nobody is auto-assigned them; each test searches for its own unique topics.

const ANA = 'Ana Alvarez';

let apiKey: string;
let botQueueId: string;

const auth = () => ({ Authorization: `App ${apiKey}` });

async function createConversation(request: APIRequestContext, topic: string): Promise<string> {
  const res = await request.post('/ccaas/1/conversations', {
    headers: auth(),
    // No word a seeded route looks for, so routing it again sends it to the default queue.
    data: { topic, channel: 'WHATSAPP', queueId: botQueueId, customer: { email: `e2e-${unique()}@example.org`, name: 'Kim Keys' }, message: { text: 'Where is my parcel?' } },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function conversation(request: APIRequestContext, id: string) {
  const res = await request.get(`/ccaas/1/conversations/${id}`, { headers: auth() });
  expect(res.status()).toBe(200);
  return (await res.json()) as { agentId?: string | null; queueId?: string | null; status: string };
}

const rows = (page: Page) => page.getByTestId('conversation-row');
const selectedRow = (page: Page) => page.locator('[data-testid="conversation-row"][aria-selected="true"]');
const topicOf = async (row: ReturnType<typeof rows>) => ((await row.getByRole('link').first().textContent()) ?? '').trim();

/** The shortcuts listen once the page's script runs; the hint button is enabled then. */
const shortcutsReady = (page: Page) => expect(page.getByRole('button', { name: /Keyboard shortcuts/ })).toBeEnabled();

/** The inbox narrowed to this test's conversations, with the list ready for keys. */
async function openInbox(page: Page, prefix: string, count: number) {
  await page.goto(`/inbox?q=${encodeURIComponent(prefix)}`);
  await expect(rows(page)).toHaveCount(count);
  await shortcutsReady(page);
}

/** Selects a row the way a mouse user would: a click on it (not on its link). */
async function clickRow(page: Page, topic: string) {
  await rows(page).filter({ hasText: topic }).getByRole('cell').nth(6).click();
  await expect(selectedRow(page)).toContainText(topic);
}

test.beforeAll(async ({ browser, request }) => {
  apiKey = await createApiKey(browser, 'shortcuts');
  const res = await request.get(`/ccaas/1/queues?name=${encodeURIComponent('Authentication bot')}`, { headers: auth() });
  botQueueId = ((await res.json()) as { queues: { id: string; name: string }[] }).queues.find((q) => q.name === 'Authentication bot')!.id;
});

test.describe('inbox shortcuts', () => {
  test.use({ storageState: storageState('agent') });

  test('j and k (and the arrows) move the selection; Enter opens it', async ({ page, request }) => {
    const prefix = `kbmove-${unique()}`;
    for (const n of ['one', 'two', 'three']) await createConversation(request, `${prefix} ${n}`);
    await openInbox(page, prefix, 3);
    await expect(selectedRow(page)).toHaveCount(0);

    await page.keyboard.press('j');
    await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
    await expect(rows(page).nth(0)).toBeFocused();
    await page.keyboard.press('j');
    await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'false');
    await page.keyboard.press('j');
    await page.keyboard.press('j'); // held at the last row
    await expect(rows(page).nth(2)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('k');
    await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('selection-status')).toHaveText(/^Selected 2 of 3: /);

    const topic = await topicOf(rows(page).nth(1));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/inbox\/[^/?]+$/);
    await expect(page.getByRole('heading', { level: 1, name: topic })).toBeVisible();
  });

  test('a assigns the selected conversation to me, keeping the selection when rows arrive above; a refusal is shown', async ({ page, request }) => {
    const prefix = `kbassign-${unique()}`;
    const firstId = await createConversation(request, `${prefix} first`);
    await createConversation(request, `${prefix} second`);
    await openInbox(page, prefix, 2);
    await clickRow(page, `${prefix} first`);
    expect((await conversation(request, firstId)).agentId ?? null).toBeNull();

    // A conversation arrives while Ana looks at the list; the refetch after "a" brings it in above.
    await createConversation(request, `${prefix} third`);
    await page.keyboard.press('a');
    await expect(page.getByRole('status').filter({ hasText: `Assigned “${prefix} first” to you.` })).toBeVisible();
    const row = rows(page).filter({ hasText: `${prefix} first` });
    await expect(row.getByRole('cell').nth(5)).toContainText(ANA);
    expect((await conversation(request, firstId)).agentId).toBeTruthy();
    await expect(rows(page)).toHaveCount(3);
    await expect(selectedRow(page)).toContainText(`${prefix} first`);

    // Closed: the server refuses, and says why.
    const closedId = await createConversation(request, `${prefix} closed`);
    const res = await request.patch(`/ccaas/1/conversations/${closedId}`, { headers: auth(), data: { status: 'CLOSED' } });
    expect(res.status(), await res.text()).toBe(200);
    await openInbox(page, prefix, 4);
    await clickRow(page, `${prefix} closed`);
    await page.keyboard.press('a');
    await expect(page.getByRole('alert').filter({ hasText: `Could not assign “${prefix} closed” to you:` })).toBeVisible();
    expect((await conversation(request, closedId)).agentId ?? null).toBeNull();
  });

  test('r sends the selected conversation back to routing', async ({ page, request }) => {
    const prefix = `kbroute-${unique()}`;
    const id = await createConversation(request, `${prefix} parcel`);
    await openInbox(page, prefix, 1);
    await expect(rows(page).first().getByRole('cell').nth(4)).toHaveText('Authentication bot');
    await page.keyboard.press('j');
    await page.keyboard.press('r');
    await expect(page.getByRole('status').filter({ hasText: `Sent “${prefix} parcel” back to routing` })).toBeVisible();
    await expect(rows(page).first().getByRole('cell').nth(4)).not.toHaveText('Authentication bot');
    expect((await conversation(request, id)).queueId).not.toBe(botQueueId);

    await page.keyboard.press('Enter');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect(timeline).toContainText(`${ANA} sent it to routing`);

    // The conversation page's Route button does the same.
    await page.getByRole('button', { name: 'Route', exact: true }).click();
    await expect(timeline.getByRole('listitem').filter({ hasText: `${ANA} sent it to routing` })).toHaveCount(2);
  });

  test('/ focuses the search, where j is just a letter; ? lists the shortcuts and Escape closes them', async ({ page }) => {
    await page.goto('/inbox');
    await expect(rows(page).first()).toBeVisible();
    await shortcutsReady(page);
    const search = page.getByRole('searchbox', { name: 'Search' });

    await page.keyboard.press('/');
    await expect(search).toBeFocused();
    await expect(search).toHaveValue('');
    await page.keyboard.type('jk?');
    await expect(search).toHaveValue('jk?');
    await expect(selectedRow(page)).toHaveCount(0);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page).toHaveURL(/q=jk/);
    await search.fill('');
    await expect(page).not.toHaveURL(/q=/);
    await expect(rows(page).nth(1)).toBeVisible();

    // From a row: "?" opens the list, Escape closes it and the focus goes back to the row.
    await rows(page).first().focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Assign the selected conversation to me');
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    // Shortcuts are off while it is open.
    await page.keyboard.press('j');
    await expect(rows(page).first()).toHaveAttribute('aria-selected', 'true');
    await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'false');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(rows(page).first()).toBeFocused();

    // From the visible hint button, with the mouse; the focus comes back to the button.
    const hint = page.getByRole('button', { name: /Keyboard shortcuts/ });
    await hint.click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(hint).toBeFocused();
  });
});
