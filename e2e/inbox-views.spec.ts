import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, ROLES, storageState, unique } from './fixtures';

// The inbox's default view, sorting, tab counts, search over message bodies and saved views. Each
// test works on conversations of its own (a unique word), created through the HTTP API on the
// website chat inbox, which Ana collaborates on; nothing depends on global counts.

let apiKey: string;

async function createConversation(request: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const res = await request.post('/ccaas/1/conversations', { headers: { Authorization: `App ${apiKey}` }, data: { channel: 'LIVE_CHAT', ...data } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).id;
}

async function customerWrites(request: APIRequestContext, id: string, text: string) {
  const res = await request.post(`/ccaas/1/conversations/${id}/messages`, { headers: { Authorization: `App ${apiKey}` }, data: { direction: 'INBOUND', content: { text } } });
  expect(res.status(), await res.text()).toBe(200);
}

const tab = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Status' }).getByRole('link', { name });
const tabCount = async (page: Page, name: RegExp) => (await tab(page, name).locator('span').textContent())?.trim();
const rows = (page: Page) => page.getByTestId('conversation-row');

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'inbox views');
});

test.describe('as the agent', () => {
  test.use({ storageState: storageState('agent') });

  test('the inbox opens on unsolved work, the agent’s own and takeable, longest waiting first', async ({ page }) => {
    await page.goto('/inbox');
    await expect(tab(page, /^Unsolved/)).toHaveAttribute('aria-current', 'page');
    await expect(page.getByLabel('Assignee')).toHaveValue('mine');
    await expect(page.getByLabel('Sort')).toHaveValue('waitingSince:asc');
    await expect(page.getByRole('columnheader', { name: 'Waiting' })).toHaveAttribute('aria-sort', 'descending');
    await expect(rows(page).first()).toBeVisible();

    const others = [ROLES.admin.name, ROLES.supervisor.name, 'Ben Brooks', 'Chen Wei', 'Dara Okafor'];
    for (const text of await rows(page).allTextContents()) {
      expect(text).toMatch(/Open|Waiting/);
      expect(text).not.toMatch(/Solved|Closed/);
      for (const name of others) expect(text).not.toContain(name);
    }
    // Longest waiting first: the waiting clocks' start times only rise down the page, answered ones last.
    const cells = await page.getByTestId('waiting-since').evaluateAll((tds) => tds.map((td) => td.querySelector('time')?.getAttribute('datetime') ?? null));
    const started = cells.filter((c): c is string => c !== null);
    expect(started.length).toBeGreaterThan(0);
    expect(started).toEqual([...started].sort());
    expect(cells.slice(started.length).every((c) => c === null)).toBe(true);
  });

  test('search finds words in a message body and marks them, as text', async ({ page, request }) => {
    const word = unique();
    const id = await createConversation(request, { topic: `Delivery question ${unique()}`, message: { text: 'Hello' } });
    await customerWrites(request, id, `Sorry to chase: my parcel is late <b>${word}</b> <img src=x onerror=alert(1)>`);

    await page.goto('/inbox');
    await page.getByRole('searchbox', { name: 'Search' }).fill(`parcel is late ${word}`);
    await expect(page).toHaveURL(/[?&]q=parcel/);
    await expect(rows(page)).toHaveCount(1);
    const matched = rows(page).first().getByTestId('matched-message');
    await expect(matched).toContainText(`my parcel is late <b>${word}</b>`);
    await expect(matched.locator('mark')).toHaveText(['parcel', 'is', 'late', word]);
    await expect(matched.locator('b, img')).toHaveCount(0);
  });

  test('a saved view keeps the filters and sort, opens again after a reload, and is deleted', async ({ page, request }) => {
    const word = unique();
    await createConversation(request, { topic: `Saved view ${word} one` });
    await createConversation(request, { topic: `Saved view ${word} two` });
    await page.goto(`/inbox?q=${word}&sort=createdAt%3Aasc`);
    await expect(rows(page)).toHaveCount(2);

    const views = page.getByRole('region', { name: 'Saved views' });
    await views.getByRole('button', { name: 'Save current view…' }).click();
    await views.getByLabel('View name').fill(`Oldest ${word}`);
    await views.getByRole('button', { name: 'Save view' }).click();
    const link = views.getByRole('link', { name: `Oldest ${word}` });
    await expect(link).toHaveAttribute('aria-current', 'page');

    await page.goto('/inbox');
    await expect(link).not.toHaveAttribute('aria-current', 'page');
    await link.click();
    await expect(page).toHaveURL(new RegExp(`q=${word}.*sort=createdAt%3Aasc`));
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(word);
    await expect(page.getByLabel('Sort')).toHaveValue('createdAt:asc');
    await expect(rows(page)).toHaveText([new RegExp(`${word} one`), new RegExp(`${word} two`)]);

    await page.reload();
    await views.getByRole('button', { name: `Delete view Oldest ${word}` }).click();
    await expect(link).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(word);
    await expect(link).toHaveCount(0);
  });
});

test.describe('as a supervisor', () => {
  test.use({ storageState: storageState('supervisor') });

  test('column headers sort the list, and the tab counts follow the other filters', async ({ page, request }) => {
    const word = unique();
    for (const priority of ['HIGH', 'URGENT', 'LOW']) await createConversation(request, { topic: `Sorted ${word} ${priority.toLowerCase()}`, priority });
    await page.goto(`/inbox?q=${word}`);
    await expect(rows(page)).toHaveCount(3);
    // The counts are those of this search, not of the whole inbox.
    await expect(tab(page, /^All/)).toHaveAttribute('aria-current', 'page');
    expect(await tabCount(page, /^All/)).toBe('3');
    expect(await tabCount(page, /^Unsolved/)).toBe('3');
    expect(await tabCount(page, /^Closed/)).toBe('0');

    const priority = page.getByRole('columnheader', { name: 'Priority' });
    await priority.getByRole('button').click();
    await expect(page).toHaveURL(/sort=priority%3Aasc/);
    await expect(priority).toHaveAttribute('aria-sort', 'descending');
    await expect(rows(page)).toHaveText([/urgent/, /high/, /low/]);
    await priority.getByRole('button').click();
    await expect(page).toHaveURL(/sort=priority%3Adesc/);
    await expect(priority).toHaveAttribute('aria-sort', 'ascending');
    await expect(rows(page)).toHaveText([/low/, /high/, /urgent/]);

    const created = page.getByRole('columnheader', { name: 'Created' });
    await created.getByRole('button').click();
    await expect(page).toHaveURL(/sort=createdAt%3Adesc/);
    await expect(rows(page)).toHaveText([/low/, /urgent/, /high/]);
    await expect(priority).not.toHaveAttribute('aria-sort');

    await page.reload();
    await expect(rows(page)).toHaveText([/low/, /urgent/, /high/]);
    await page.getByLabel('Priority', { exact: true }).selectOption('URGENT');
    await expect(rows(page)).toHaveCount(1);
    await expect.poll(() => tabCount(page, /^All/)).toBe('1');
    expect(await tabCount(page, /^Open/)).toBe('1');
    await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText('of 1');
  });
});
