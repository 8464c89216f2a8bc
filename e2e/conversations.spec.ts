import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, ROLES, storageState, unique } from './fixtures';

// The tests share one seeded server with the other specs (two workers), so each works on a
// conversation of its own: created through the HTTP API with a key made in the admin UI, on the
// website chat inbox, which Ana collaborates on. Nothing here depends on global counts.

const ANA = ROLES.agent.name;

let apiKey: string;

async function createConversation(request: APIRequestContext, topic: string): Promise<string> {
  const res = await request.post('/ccaas/1/conversations', {
    headers: { Authorization: `App ${apiKey}` },
    data: {
      topic,
      channel: 'LIVE_CHAT',
      priority: 'NORMAL',
      customer: { email: `e2e-${unique()}@example.org`, name: 'Erin Example', attributes: { tier: 'silver', plan: 'basic' } },
      message: { text: 'Hello, my parcel never arrived.' },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).id;
}

const statusTab = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Status' }).getByRole('link', { name });

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'conversations');
});

test.describe('as the agent', () => {
  test.use({ storageState: storageState('agent') });

  test('filters go into the URL, narrow the list and survive a reload', async ({ page, request }) => {
    const word = unique();
    const topic = `Printer on fire ${word}`;
    await createConversation(request, topic);
    await page.goto('/inbox');

    await statusTab(page, /^Open/).click();
    await expect(page).toHaveURL(/[?&]status=OPEN/);
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
    const rows = page.getByTestId('conversation-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(topic);

    await page.getByLabel('Priority', { exact: true }).selectOption('NORMAL');
    await expect(page).toHaveURL(/[?&]priority=NORMAL/);
    await expect(page).toHaveURL(/[?&]status=OPEN/);
    await expect(rows).toHaveCount(1);

    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(word);
    await expect(page.getByLabel('Priority', { exact: true })).toHaveValue('NORMAL');
    await expect(statusTab(page, /^Open/)).toHaveAttribute('aria-current', 'page');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(topic);

    // Another status keeps the other filters: nothing waiting matches.
    await statusTab(page, /^Waiting/).click();
    await expect(page).toHaveURL(new RegExp(`status=WAITING.*q=${word}`));
    await expect(page.getByText('No conversations match these filters.')).toBeVisible();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).not.toHaveURL(/q=/);
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  });

  test('assignee "Me" lists only the agent’s own conversations', async ({ page }) => {
    await page.goto('/inbox');
    await page.getByLabel('Assignee').selectOption('me');
    await expect(page).toHaveURL(/[?&]assignee=me/);
    const rows = page.getByTestId('conversation-row');
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allTextContents()) expect(text).toContain(ANA);
  });

  test('work a conversation: reply, properties, tags, timeline, then close it for good', async ({ page, context, browser, request }) => {
    // Some forty steps over three browser contexts: 18–32 s on a loaded 2-core machine, so the 30 s
    // budget of a one-screen test is too tight (every step still waits on what the user sees).
    test.slow();
    const word = unique();
    const topic = `Parcel lost ${word}`;
    const id = await createConversation(request, topic);

    await page.goto(`/inbox?q=${word}`);
    await page.getByRole('link', { name: topic }).click();
    await expect(page).toHaveURL(new RegExp(`/inbox/${id}$`));
    await expect(page.getByRole('heading', { level: 1, name: topic })).toBeVisible();
    const messages = page.getByTestId('message');
    await expect(messages.first()).toHaveAttribute('data-direction', 'inbound');
    await expect(messages.first()).toContainText('Erin Example');
    const timeline = page.getByRole('list', { name: 'Timeline events' });

    // Reply: the message is the team's, on the right, and the box empties.
    await page.getByLabel('Reply').fill('Sorry about that! I am checking with the carrier.');
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = messages.filter({ hasText: 'checking with the carrier' });
    await expect(reply).toHaveAttribute('data-direction', 'outbound');
    await expect(reply).toContainText(ANA);
    await expect(page.getByLabel('Reply')).toHaveValue('');

    await page.getByLabel('Status').selectOption('WAITING');
    await expect(timeline).toContainText(`${ANA} changed status from Open to Waiting`);
    await page.getByLabel('Priority').selectOption('HIGH');
    await expect(timeline).toContainText(`${ANA} changed priority from Normal to High`);
    await expect(page.getByLabel('Status')).toHaveValue('WAITING');

    await page.getByRole('button', { name: 'Edit topic' }).click();
    await page.getByLabel('Topic').fill(`${topic} (carrier)`);
    await page.getByRole('button', { name: 'Save topic' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `${topic} (carrier)` })).toBeVisible();
    await expect(timeline).toContainText(`${ANA} changed the topic to “${topic} (carrier)”`);

    const tag = `e2e-${word}`;
    const tags = page.getByRole('list', { name: 'Tags' });
    await page.getByLabel('Add a tag').fill(tag);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(tags).toContainText(tag);
    await expect(timeline).toContainText(`Tag ${tag} added by ${ANA}`);
    await page.getByRole('button', { name: `Remove tag ${tag}` }).click();
    await expect(page.getByRole('button', { name: `Remove tag ${tag}` })).toHaveCount(0);
    await expect(timeline).toContainText(`Tag ${tag} removed by ${ANA}`);

    // A bad name is refused by the server, and the words appear under the box.
    await page.getByLabel('Add a tag').fill('no spaces');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByText('Tag names are 1–100 letters')).toBeVisible();
    await expect(page.getByLabel('Add a tag')).toHaveAttribute('aria-invalid', 'true');

    // A second tab of the same browser follows the close live. A third, in a browser whose event
    // stream is cut, stays stale: it still shows the controls.
    const live = await context.newPage();
    await live.goto(`/inbox/${id}`);
    await expect(live.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    const offline = await browser.newContext({ storageState: storageState('agent') });
    await offline.route('**/api/events', (r) => r.abort());
    const stale = await offline.newPage();
    await stale.goto(`/inbox/${id}`);
    await expect(stale.getByLabel('Reply')).toBeEnabled();

    // Closing asks first.
    await page.getByLabel('Status').selectOption('CLOSED');
    await page.getByRole('button', { name: 'Close conversation' }).click();
    const banner = page.getByRole('status').filter({ hasText: 'This conversation is closed' });
    await expect(banner).toHaveText(/^This conversation is closed \(closed (just now|1 minute ago)\) and can no longer be changed\.$/);
    await expect(timeline).toContainText(`${ANA} changed status from Waiting to Closed`);

    // Read-only: no control is left to change anything.
    await expect(page.getByLabel('Reply')).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
    await expect(page.getByText('Replies are off because this conversation is closed.')).toBeVisible();
    await expect(page.getByLabel('Status')).toHaveCount(0);
    await expect(page.getByLabel('Priority')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
    await expect(page.getByLabel('Add a tag')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Remove tag/ })).toHaveCount(0);
    await expect(live.getByRole('status').filter({ hasText: 'This conversation is closed' })).toBeVisible();
    await expect(live.getByLabel('Reply')).toBeDisabled();

    // The stale tab's attempts go through the server actions and are refused there; nothing changes.
    await stale.getByLabel('Reply').fill('This must not be sent.');
    await stale.getByRole('button', { name: 'Send' }).click();
    await expect(stale.getByText('Closed conversation cannot be changed.')).toBeVisible();
    await stale.getByLabel('Add a tag').fill(`late-${word}`);
    await stale.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(stale.getByText('Closed conversation cannot be changed.')).toHaveCount(2);
    await stale.reload();
    await expect(stale.getByRole('status').filter({ hasText: 'This conversation is closed' })).toBeVisible();
    await expect(stale.getByTestId('message').filter({ hasText: 'This must not be sent.' })).toHaveCount(0);
    await expect(stale.getByRole('list', { name: 'Tags' })).toHaveCount(0);
    await offline.close();
    await live.close();
  });

  test('a conversation the agent may not see answers 404, like one that does not exist', async ({ page, browser }) => {
    // Ana works neither the SMS inbox nor the Billing queue (prisma/seed-data.ts).
    const admin = await browser.newContext({ storageState: storageState('admin') });
    const adminPage = await admin.newPage();
    await adminPage.goto('/inbox');
    await adminPage.getByLabel('Inbox', { exact: true }).selectOption({ label: 'SMS alerts' });
    await adminPage.getByLabel('Queue', { exact: true }).selectOption({ label: 'Billing' });
    await expect(adminPage).toHaveURL(/[?&]inbox=/);
    await expect(adminPage).toHaveURL(/[?&]queue=/);
    const row = adminPage.getByTestId('conversation-row').first();
    await expect(row).toContainText('Billing');
    await expect(row).not.toContainText(ANA);
    const href = await row.getByRole('link').getAttribute('href');
    await admin.close();
    expect(href).toMatch(/^\/inbox\/[0-9a-f-]{36}$/);

    const hidden = await page.goto(href!);
    expect(hidden?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
    await expect(page.getByLabel('Reply')).toHaveCount(0);

    const missing = await page.goto('/inbox/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
  });
});
