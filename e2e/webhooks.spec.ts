import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { createApiKey, signIn, storageState, unique } from './fixtures';

// The seed's bot hand-off through a real webhook (issue 16): an admin subscribes the example bot
// (examples/auth-bot) to conversation.routed for the "Authentication bot" queue; a WhatsApp
// customer asks about their account; the bot hears of it, answers, marks them and routes again;
// the conversation reaches "Verified customers" and an agent, and the delivery log shows it.
// The e2e server allows private targets (scripts/e2e-server.mjs sets WEBHOOK_ALLOW_PRIVATE=1).

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

test.describe('webhooks', () => {
  test.use({ storageState: storageState('admin') });
  let bot: ChildProcess | undefined;
  test.afterEach(() => {
    bot?.kill();
    bot = undefined;
  });

  test('the example bot hands a conversation from its queue to verified customers and an agent', async ({ page, browser, request, baseURL }) => {
    test.slow();
    const key = await createApiKey(browser, 'auth bot');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;

    await page.goto('/webhooks');
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    const form = page.getByRole('form', { name: 'New webhook' });
    await form.getByLabel('Target URL').fill(url);
    await expect(form.getByRole('checkbox', { name: /conversation\.routed/ })).toBeChecked();
    await form.getByRole('checkbox', { name: 'Authentication bot' }).check();
    await form.getByRole('button', { name: 'Create webhook' }).click();
    await expect(page.getByText('it will not be shown again')).toBeVisible();
    const secret = await page.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByTestId('webhook-row').filter({ hasText: url });
    await expect(row).toContainText('Enabled');
    // Shown once: a reload shows the subscription, not its secret.
    await page.reload();
    await expect(page.locator('body')).not.toContainText(secret);

    let output = '';
    bot = spawn(process.execPath, [path.join(import.meta.dirname, '..', 'examples', 'auth-bot', 'bot.mjs')], {
      env: { ...process.env, SWITCHBOARD_URL: baseURL, SWITCHBOARD_API_KEY: key, WEBHOOK_SECRET: secret, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout!.on('data', (d: Buffer) => (output += d));
    bot.stderr!.on('data', (d: Buffer) => (output += d));
    await expect.poll(() => output, { timeout: 15_000 }).toContain('auth-bot listening');

    // Someone must be able to take it at the end: Dara (WhatsApp DE, Verified customers) with her
    // console open and Online. Earlier specs leave the seeded agents signed out or away.
    const dara = await signIn(browser, { email: 'dara@example.com', name: 'Dara Okafor' });
    await dara.getByLabel('Availability').selectOption('ONLINE');
    await expect(dara.getByLabel('Availability')).toBeEnabled();

    const headers = { Authorization: `App ${key}` };
    const inboxes = (await (await request.get('/ccaas/1/inboxes', { headers })).json()).inboxes as { id: string; channel: string }[];
    const queues = (await (await request.get('/ccaas/1/queues?limit=50', { headers })).json()).queues as { id: string; name: string }[];
    const botQueue = queues.find((q) => q.name === 'Authentication bot')!;
    const verified = queues.find((q) => q.name === 'Verified customers')!;
    const phone = `+49151${Date.now().toString().slice(-7)}`;
    const created = await request.post('/ccaas/1/conversations', {
      headers,
      data: { inboxId: inboxes.find((i) => i.channel === 'WHATSAPP')!.id, channel: 'WHATSAPP', customer: { phone, name: `Webhook ${unique()}` }, message: { text: 'I have a question about my account', from: phone } },
    });
    expect(created.status()).toBe(200);
    const conversation = await created.json();
    expect(conversation.queueId).toBe(botQueue.id);

    // The bot's work arrives over the API: the conversation moves on and gets an agent.
    await expect
      .poll(async () => {
        const c = await (await request.get(`/ccaas/1/conversations/${conversation.id}`, { headers })).json();
        return { queueId: c.queueId, assigned: !!c.agentId, tags: c.tags };
      }, { timeout: 30_000 })
      .toEqual({ queueId: verified.id, assigned: true, tags: expect.arrayContaining(['strong_auth']) });
    await dara.context().close();

    await page.goto(`/inbox/${conversation.id}`);
    await expect(page.getByText('Thanks, you are now strongly authenticated.')).toBeVisible();

    // The delivery log shows the delivered event with its attempt.
    await page.goto('/webhooks');
    await row.getByRole('link', { name: /Delivery log/ }).click();
    const delivery = page.getByTestId('delivery-row').filter({ hasText: 'conversation.routed' }).first();
    await expect(delivery).toContainText('delivered');
    await expect(delivery).toContainText('last 200');
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // Deleting the subscription asks first, then it is gone.
    await row.getByRole('button', { name: `Delete webhook ${url}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete webhook' }).click();
    await expect(row).toHaveCount(0);
  });
});
