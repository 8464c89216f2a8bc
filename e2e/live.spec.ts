import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createApiKey, E2E_AUTH_SECRET, NEW_USER_PASSWORD, ROLES, signIn, storageState, unique } from './fixtures';

// Arrivals at the top: everyone's, newest first (the default view puts the longest waiting first,
// so a new conversation would land at the end of the list).
const NEWEST = '/inbox?assignee=any&sort=createdAt%3Adesc';

// Live updates (issue 6): pages change without a reload when something happens elsewhere.
// Conversations are made through the HTTP API with a key made in the admin UI. The reassignment
// test uses SMS alerts (auto-assignment off) and the General support queue, of which Ana and Ben
// are both members, so both always see the conversation and nothing assigns it on its own.

const BEN = { email: 'ben@example.com', name: 'Ben Brooks' };
const ANA = ROLES.agent.name;

let apiKey: string;

async function createConversation(request: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const res = await request.post('/ccaas/1/conversations', {
    headers: { Authorization: `App ${apiKey}` },
    data: { customer: { email: `e2e-${unique()}@example.org`, name: 'Lia Live' }, message: { text: 'Is anyone there?' }, ...data },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

/** Waits until the tab's event stream is connected, and marks the document so a reload would show. */
async function goLive(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}

const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

/** Options read "Name — Availability"; the availability depends on what other specs did. */
async function chooseAgent(dropdown: Locator, name: string) {
  const value = await dropdown.locator('option', { hasText: name }).getAttribute('value');
  await expect(dropdown).toBeEnabled();
  await dropdown.selectOption(value!);
  await expect(dropdown).toHaveValue(value!);
  await expect(dropdown).toBeEnabled(); // the assignment has been answered
}

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'live');
});

test.describe('live inbox', () => {
  test.use({ storageState: storageState('agent') });

  test('a conversation created through the HTTP API appears in the open inbox within 1 s, without a reload', async ({ page, request }) => {
    await goLive(page, NEWEST);
    const topic = `Live arrival ${unique()}`;
    // Website chat (LIVE_CHAT): Ana collaborates on it, so it is hers to see.
    await createConversation(request, { topic, channel: 'LIVE_CHAT' });
    await expect(page.getByTestId('conversation-row').filter({ hasText: topic })).toBeVisible({ timeout: 1_000 });
    expect(await sameDocument(page)).toBe(true);
  });

  test('a supervisor reassigning shows in both agents’ views, and the new assignee gets a toast', async ({ page: ana, request, browser }) => {
    const queues = await request.get('/ccaas/1/queues?name=General', { headers: { Authorization: `App ${apiKey}` } });
    const general = ((await queues.json()) as { queues: { id: string; name: string }[] }).queues.find((q) => q.name === 'General support')!;
    const topic = `Live handover ${unique()}`;
    const id = await createConversation(request, { topic, channel: 'SMS', queueId: general.id });

    const ben = await signIn(browser, BEN);
    // Busy: Ben takes nothing automatically while this test has him signed in (other specs run alongside).
    await ben.getByLabel('Availability').selectOption('BUSY');
    await expect(ben.getByLabel('Availability')).toBeEnabled();
    await goLive(ben, `/inbox?q=${encodeURIComponent(topic)}`);
    await goLive(ana, `/inbox?q=${encodeURIComponent(topic)}`);
    const anaRow = ana.getByTestId('conversation-row').filter({ hasText: topic });
    const benRow = ben.getByTestId('conversation-row').filter({ hasText: topic });
    // Unassigned: an agent's row offers to take it.
    await expect(anaRow.getByRole('button', { name: 'Assign to me' })).toBeVisible();
    await expect(benRow.getByRole('button', { name: 'Assign to me' })).toBeVisible();

    const supervisor = await browser.newContext({ storageState: storageState('supervisor') });
    const sup = await supervisor.newPage();
    await sup.goto(`/inbox/${id}`);
    const dropdown = sup.getByLabel('Assigned Agent');
    await chooseAgent(dropdown, ANA);
    await expect(anaRow).toContainText(ANA);
    await expect(benRow).toContainText(ANA);

    await chooseAgent(dropdown, BEN.name);
    await expect(anaRow).toContainText(BEN.name);
    await expect(benRow).toContainText(BEN.name);
    await expect(ben.getByTestId('toast').filter({ hasText: topic })).toContainText('assigned to you');
    expect(await sameDocument(ana)).toBe(true);
    expect(await sameDocument(ben)).toBe(true);

    await ben.getByRole('button', { name: 'Sign out' }).click();
    await supervisor.close();
    await ben.context().close();
  });

  test('the open conversation shows a new message and tag as they happen', async ({ page, request }) => {
    const topic = `Live thread ${unique()}`;
    const id = await createConversation(request, { topic, channel: 'LIVE_CHAT' });
    await goLive(page, `/inbox/${id}`);
    const auth = { Authorization: `App ${apiKey}` };
    const msg = await request.post(`/ccaas/1/conversations/${id}/messages`, {
      headers: auth,
      data: { direction: 'INBOUND', content: { text: 'Follow-up: order #4411' } },
    });
    expect(msg.status(), await msg.text()).toBeLessThan(300);
    await expect(page.getByText('Follow-up: order #4411')).toBeVisible();
    const tag = await request.post(`/ccaas/1/conversations/${id}/tags`, { headers: auth, data: { tagName: 'live-tag' } });
    expect(tag.status(), await tag.text()).toBeLessThan(300);
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('live-tag');
    expect(await sameDocument(page)).toBe(true);
  });
});

// Two app instances on one PostgreSQL (issue 6): an event raised on instance 1 reaches a browser
// connected to instance 2, through LISTEN/NOTIFY. The embedded database belongs to one process, so
// this runs in the PostgreSQL pass of `npm test` only.
test.describe('two app instances', () => {
  test.skip(!process.env.E2E_DATABASE_URL, 'needs PostgreSQL (E2E_DATABASE_URL): PGlite serves one process');
  test.use({ storageState: storageState('agent') });

  let second: ChildProcess | undefined;
  let secondUrl = '';
  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(120_000);
    const port = Number(new URL(testInfo.project.use.baseURL!).port) + 50;
    secondUrl = `http://127.0.0.1:${port}`;
    // The same build and database as the first instance, and the same session secret.
    second = spawn(path.join(process.cwd(), 'node_modules', '.bin', 'next'), ['start', '-p', String(port)], {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, NEXTAUTH_SECRET: E2E_AUTH_SECRET, AUTH_TRUST_HOST: 'true', PORT: String(port) },
      stdio: 'ignore',
    });
    await expect
      .poll(async () => (await fetch(`${secondUrl}/signin`).catch(() => null))?.status ?? 0, { timeout: 90_000, intervals: [500] })
      .toBe(200);
  });
  test.afterAll(() => {
    second?.kill('SIGTERM');
  });

  test('a conversation created on instance 1 appears in an inbox served by instance 2', async ({ page, request }) => {
    await goLive(page, `${secondUrl}${NEWEST}`);
    const topic = `Across instances ${unique()}`;
    await createConversation(request, { topic, channel: 'LIVE_CHAT' }); // `request` talks to instance 1
    await expect(page.getByTestId('conversation-row').filter({ hasText: topic })).toBeVisible({ timeout: 2_000 });
    expect(await sameDocument(page)).toBe(true);
  });
});

test.describe('live queue counts', () => {
  test.use({ storageState: storageState('supervisor') });

  test('the Queues page counts a new conversation, and its closing, without a reload', async ({ page, request }) => {
    const name = `Live counts ${unique()}`;
    const created = await request.post('/ccaas/1/queues', { headers: { Authorization: `App ${apiKey}` }, data: { name } });
    expect(created.status(), await created.text()).toBe(200);
    const queueId = ((await created.json()) as { id: string }).id;
    await goLive(page, '/queues');
    const card = page.getByTestId('queue-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
    const [open, unassigned] = [card.getByRole('definition').nth(0), card.getByRole('definition').nth(1)];
    await expect(open).toHaveText('0');

    // SMS alerts: no auto-assignment, so it waits unassigned.
    const id = await createConversation(request, { topic: `Counted ${unique()}`, channel: 'SMS', queueId });
    await expect(open).toHaveText('1');
    await expect(unassigned).toHaveText('1');
    const closed = await request.put(`/ccaas/1/conversations/${id}`, { headers: { Authorization: `App ${apiKey}` }, data: { status: 'CLOSED', queueId } });
    expect(closed.status(), await closed.text()).toBe(200);
    await expect(open).toHaveText('0');
    expect(await sameDocument(page)).toBe(true);
  });
});

test.describe('unread badge', () => {
  test('the tab title and the nav count unread assigned conversations, the row is marked, and opening one reads it', async ({ browser, request }) => {
    test.setTimeout(90_000);
    // A fresh agent in a fresh queue: nothing else in the suite assigns to them, so counts are exact.
    const u = unique();
    const una = { email: `una-${u}@example.com`, name: `Una ${u}` };
    const queueName = `Unread ${u}`;
    const admin = await browser.newContext({ storageState: storageState('admin') });
    const adminPage = await admin.newPage();
    await adminPage.goto('/people');
    const form = adminPage.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Name').fill(una.name);
    await form.getByLabel('Email').fill(una.email);
    await form.getByLabel('Initial password').fill(NEW_USER_PASSWORD);
    await form.getByRole('button', { name: /Create/ }).click();
    await expect(adminPage.getByTestId('person-row').filter({ hasText: una.email })).toBeVisible();
    const created = await request.post('/ccaas/1/queues', { headers: { Authorization: `App ${apiKey}` }, data: { name: queueName } });
    expect(created.status(), await created.text()).toBe(200);
    const queueId = ((await created.json()) as { id: string }).id;
    await adminPage.goto('/queues');
    const card = adminPage.getByTestId('queue-card').filter({ has: adminPage.getByRole('heading', { name: queueName, exact: true }) });
    await card.getByLabel(`Add a member to ${queueName}`).selectOption({ label: una.name });
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(card.getByRole('list', { name: `Members of ${queueName}` })).toContainText(una.name);

    const page = await signIn(browser, una, NEW_USER_PASSWORD);
    await goLive(page, NEWEST);
    const pill = page.getByTestId('unread-count');
    await expect(pill).toHaveAttribute('data-count', '0');
    const badge = async () => Number(/^\((\d+)\)/.exec(await page.title())?.[1] ?? 0);

    // SMS alerts has auto-assignment off: the conversation waits in the queue until someone picks.
    const topic = `Badge ${u}`;
    const id = await createConversation(request, { topic, channel: 'SMS', queueId });
    const row = page.getByTestId('conversation-row').filter({ hasText: topic });
    await expect(row).toBeVisible();
    await expect(row.getByTestId('unread-dot')).toHaveCount(0);

    await adminPage.goto(`/inbox/${id}`);
    await chooseAgent(adminPage.getByLabel('Assigned Agent'), una.name);
    await expect(pill).toHaveAttribute('data-count', '1');
    await expect.poll(badge).toBe(1);
    await expect(row.getByTestId('unread-dot')).toBeVisible();

    await row.getByRole('link', { name: topic }).click();
    await expect(page).toHaveURL(new RegExp(`/inbox/${id}`));
    await expect(pill).toHaveAttribute('data-count', '0');
    await expect.poll(() => page.title()).not.toMatch(/^\(\d+\)/);
    await page.goBack();
    await expect(row).toBeVisible();
    await expect(row.getByTestId('unread-dot')).toHaveCount(0);

    // A customer follow-up makes it unread again.
    const msg = await request.post(`/ccaas/1/conversations/${id}/messages`, {
      headers: { Authorization: `App ${apiKey}` },
      data: { direction: 'INBOUND', content: { text: 'Any news?' } },
    });
    expect(msg.status(), await msg.text()).toBeLessThan(300);
    await expect(pill).toHaveAttribute('data-count', '1');
    await expect(row.getByTestId('unread-dot')).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.context().close();
    await admin.close();
  });
});

test.describe('many tabs', () => {
  test.use({ storageState: storageState('agent') });

  test('eight tabs share one event stream and all stay live (a browser allows six connections per host)', async ({ page, context, request }) => {
    test.setTimeout(60_000);
    let streams = 0;
    context.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/events') streams++;
    });
    const tabs = [page];
    for (let i = 1; i < 8; i++) tabs.push(await context.newPage());
    for (const tab of tabs) await goLive(tab, NEWEST);
    const topic = `Eight tabs ${unique()}`;
    await createConversation(request, { topic, channel: 'LIVE_CHAT' });
    for (const tab of tabs) await expect(tab.getByTestId('conversation-row').filter({ hasText: topic })).toBeVisible({ timeout: 2_000 });
    expect(streams).toBe(1);

    // The tab holding the stream closes: another takes over, and the rest still hear of changes.
    await tabs[0].close();
    const next = `After the leader left ${unique()}`;
    await expect(tabs[7].getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    await createConversation(request, { topic: next, channel: 'LIVE_CHAT' });
    for (const tab of tabs.slice(1)) await expect(tab.getByTestId('conversation-row').filter({ hasText: next })).toBeVisible({ timeout: 5_000 });
    expect(streams).toBe(2);
  });
});
