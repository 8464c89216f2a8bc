import { expect, test, type APIRequestContext } from '@playwright/test';
import { createApiKey, NEW_USER_PASSWORD, signIn, storageState, unique } from './fixtures';

// Presence (SPEC §4): a console that falls silent makes its agent away — disconnected, and they keep
// their conversations. scripts/e2e-server.mjs shortens the grace period (PRESENCE_GRACE_SECONDS) so
// this shows within seconds; the reassignment window stays at its default, far beyond this test.
// A fresh agent in a fresh queue, so no other spec assigns to them or signs them in or out.

let apiKey: string;
const auth = () => ({ Authorization: `App ${apiKey}` });

async function api<T>(request: APIRequestContext, method: 'get' | 'post' | 'put', url: string, data?: unknown): Promise<T> {
  const res = await request[method](url, { headers: auth(), ...(data !== undefined && { data }) });
  expect(res.status(), `${method.toUpperCase()} ${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'presence');
});

test.describe('presence', () => {
  test.use({ storageState: storageState('admin') });

  test('an agent who closes their tab shows as away — disconnected and keeps their conversations', async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    const u = unique();
    const pia = { email: `pia-${u}@example.com`, name: `Pia ${u}` };

    // The admin creates Pia on the People page.
    await page.goto('/people');
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Name').fill(pia.name);
    await form.getByLabel('Email').fill(pia.email);
    await form.getByLabel('Initial password').fill(NEW_USER_PASSWORD);
    await form.getByRole('button', { name: /Create/ }).click();
    const row = page.getByTestId('person-row').filter({ hasText: pia.email });
    await expect(row).toBeVisible();

    // A queue of her own, and two conversations in it assigned to her.
    const { agents } = await api<{ agents: { id: string }[] }>(request, 'get', `/ccaas/1/agents?email=${encodeURIComponent(pia.email)}`);
    const piaId = agents[0].id;
    const queue = await api<{ id: string }>(request, 'post', '/ccaas/1/queues', { name: `Presence ${u}` });
    await api(request, 'post', `/ccaas/1/agents/${piaId}/queues`, { queueId: queue.id });
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const c = await api<{ id: string }>(request, 'post', '/ccaas/1/conversations', {
        topic: `Presence ${n} ${u}`, channel: 'SMS', queueId: queue.id,
        customer: { email: `e2e-${unique()}@example.org`, name: 'Erin Example' }, message: { text: 'Hello?' },
      });
      await api(request, 'put', `/ccaas/1/conversations/${c.id}/assignee`, { agentId: piaId });
      ids.push(c.id);
    }

    // Pia signs in: her console's heartbeat keeps her Online.
    const tab = await signIn(browser, pia, NEW_USER_PASSWORD);
    await expect(tab.getByTestId('current-user')).toContainText(pia.name);
    await page.reload();
    await expect(row).toContainText('Online');
    await expect(row.getByRole('cell').nth(3)).toHaveText('2');

    // She closes her tab. After the grace period the People page (live) shows her away.
    await tab.context().close();
    await expect(row).toContainText('Away — disconnected', { timeout: 60_000 });
    await expect(row.getByRole('cell').nth(3)).toHaveText('2');

    // Over the API: still ACTIVE as chosen, effectively AWAY, and both conversations are hers.
    const me = await api<{ status: string; availability: string }>(request, 'get', `/ccaas/1/agents/${piaId}`);
    expect(me).toMatchObject({ status: 'ACTIVE', availability: 'AWAY' });
    for (const id of ids) expect((await api<{ agentId?: string | null }>(request, 'get', `/ccaas/1/conversations/${id}`)).agentId).toBe(piaId);

    // The Assigned Agent dropdown says so too.
    await page.goto(`/inbox/${ids[0]}`);
    await expect(page.getByLabel('Assigned Agent').locator('option:checked')).toHaveText(`${pia.name} — Away — disconnected · 2 open`);
  });
});
