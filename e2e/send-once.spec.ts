import { expect, test, type APIRequestContext } from '@playwright/test';
import { createApiKey, storageState, unique } from './fixtures';

// Issue 15: a double click on Send reached the customer twice. The draft carries a key; the
// button is busy while sending; an over-long reply is refused with a counter, never cut.

let apiKey: string;
const auth = () => ({ Authorization: `App ${apiKey}` });

async function createConversation(request: APIRequestContext, topic: string): Promise<string> {
  const res = await request.post('/ccaas/1/conversations', {
    headers: auth(),
    data: { topic, channel: 'SMS', customer: { email: `e2e-${unique()}@example.org`, name: 'Olga Once' }, message: { text: 'Where is my parcel?' } },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function outbound(request: APIRequestContext, id: string): Promise<string[]> {
  const res = await request.get(`/ccaas/1/conversations/${id}/messages?direction=OUTBOUND&limit=50`, { headers: auth() });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { messages: { content: { text: string } }[] }).messages.map((m) => m.content.text);
}

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'send-once');
});

test.describe('sending a reply once', () => {
  test.use({ storageState: storageState('supervisor') });

  test('a double click on Send stores one message, and so do two clicks in one instant', async ({ page, request }) => {
    const id = await createConversation(request, `Send once ${unique()}`);
    await page.goto(`/inbox/${id}`);
    const box = page.getByLabel('Reply');
    const send = page.getByTestId('composer').getByRole('button', { name: 'Send' });

    await box.fill('It left our warehouse this morning.');
    await send.dblclick();
    await expect(box).toHaveValue('');
    await expect(page.getByTestId('message').filter({ hasText: 'It left our warehouse' })).toHaveCount(1);

    // Two clicks in one task, before React renders the busy button: what a fast double click can do.
    await box.fill('Tracking number follows.');
    await send.evaluate((b: HTMLButtonElement) => {
      b.click();
      b.click();
    });
    await expect(box).toHaveValue('');
    await expect(page.getByTestId('message').filter({ hasText: 'Tracking number follows.' })).toHaveCount(1);
    await page.reload();
    await expect(page.getByTestId('message').filter({ hasText: 'Tracking number follows.' })).toHaveCount(1);
    expect(await outbound(request, id)).toEqual(['It left our warehouse this morning.', 'Tracking number follows.']);
  });

  test('the Send button is busy while the reply is on its way', async ({ page, request }) => {
    const id = await createConversation(request, `Busy ${unique()}`);
    await page.goto(`/inbox/${id}`);
    // Hold the server action's answer until the busy state has been seen.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(`**/inbox/${id}`, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await held;
      await route.fallback();
    });
    await page.getByLabel('Reply').fill('One moment please.');
    await page.getByTestId('composer').getByRole('button', { name: 'Send' }).click();
    const busy = page.getByTestId('composer').getByRole('button', { name: 'Sending…' });
    await expect(busy).toBeDisabled();
    await expect(busy).toHaveAttribute('aria-busy', 'true');
    release();
    await expect(page.getByLabel('Reply')).toHaveValue('');
    expect(await outbound(request, id)).toEqual(['One moment please.']);
  });

  test('an over-long reply is refused with a counter, not cut', async ({ page, request }) => {
    const id = await createConversation(request, `Long ${unique()}`);
    await page.goto(`/inbox/${id}`);
    const box = page.getByLabel('Reply');
    const composer = page.getByTestId('composer');
    await box.fill('x'.repeat(3000));
    await expect(composer.getByTestId('char-count')).toHaveText('');
    await box.fill('x'.repeat(4000));
    await expect(composer.getByTestId('char-count')).toHaveText('4,000 / 4,096 characters');
    await box.fill('x'.repeat(4100));
    // Kept whole (no maxlength cut), said why, and not sendable.
    await expect(box).toHaveValue('x'.repeat(4100));
    await expect(composer.getByTestId('char-count')).toHaveText('4,100 / 4,096 characters');
    await expect(composer.getByRole('alert')).toHaveText('At most 4096 characters (4 too many).');
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(composer.getByRole('button', { name: 'Send' })).toBeDisabled();
    await box.press('Control+Enter');
    await box.fill('x'.repeat(4096));
    await expect(composer.getByRole('alert')).toHaveCount(0);
    await expect(composer.getByRole('button', { name: 'Send' })).toBeEnabled();
    expect(await outbound(request, id)).toEqual([]);
  });
});
