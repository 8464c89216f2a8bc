import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, ROLES, signIn, storageState, unique } from './fixtures';

// Internal notes with an @mention, and metadata set over the API, on the conversation page
// (issue 12). The conversation is an SMS alert (auto-assignment off) in General support, of which
// Ana and Ben are both members: both may see it, so Ana may mention Ben.

const BEN = { email: 'ben@example.com', name: 'Ben Brooks' };
const ANA = ROLES.agent.name;

let apiKey: string;
const auth = () => ({ Authorization: `App ${apiKey}` });

async function createConversation(request: APIRequestContext, topic: string): Promise<string> {
  const queues = await request.get('/ccaas/1/queues?name=General', { headers: auth() });
  const general = ((await queues.json()) as { queues: { id: string; name: string }[] }).queues.find((q) => q.name === 'General support')!;
  const res = await request.post('/ccaas/1/conversations', {
    headers: auth(),
    data: { topic, channel: 'SMS', queueId: general.id, customer: { email: `e2e-${unique()}@example.org`, name: 'Nora Notes' }, message: { text: 'My card is blocked' } },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function goLive(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
}

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'notes');
});

test.describe('notes and metadata on the conversation page', () => {
  test.use({ storageState: storageState('agent') });

  test('Ana writes a note mentioning Ben: Ben is told live, sees it in the thread, and the customer never gets it', async ({ page: ana, browser, request }) => {
    const topic = `Notes ${unique()}`;
    const id = await createConversation(request, topic);

    const ben = await signIn(browser, BEN);
    // Busy: Ben takes nothing automatically while this test has him signed in (other specs run alongside).
    await ben.getByLabel('Availability').selectOption('BUSY');
    await expect(ben.getByLabel('Availability')).toBeEnabled();
    await goLive(ben, '/inbox');

    await goLive(ana, `/inbox/${id}`);
    const noteForm = ana.getByTestId('composer');
    await expect(noteForm).toHaveAttribute('data-mode', 'reply');
    // The switch works from the keyboard: focus "Note" and press Space.
    const noteButton = ana.getByRole('button', { name: 'Note', exact: true });
    await noteButton.focus();
    await ana.keyboard.press('Space');
    await expect(noteButton).toHaveAttribute('aria-pressed', 'true');
    await expect(noteForm).toHaveAttribute('data-mode', 'note');
    await expect(noteForm.getByText('Internal note — not sent to the customer')).toBeVisible();

    const box = noteForm.getByRole('combobox', { name: 'Internal note' });
    await box.pressSequentially('Card is blocked by fraud rules, @be');
    const options = noteForm.getByRole('listbox', { name: 'People to mention' });
    await expect(options.getByRole('option', { name: /Ben Brooks/ })).toBeVisible();
    await box.press('Enter');
    await expect(options).toBeHidden();
    await expect(box).toHaveValue('Card is blocked by fraud rules, @Ben Brooks ');
    await box.pressSequentially('can you unblock it?');
    await noteForm.getByRole('button', { name: 'Add note' }).click();
    await expect(box).toHaveValue('');

    const text = 'Card is blocked by fraud rules, @Ben Brooks can you unblock it?';
    const note = ana.getByTestId('note').filter({ hasText: 'can you unblock it?' });
    await expect(note).toContainText('Internal note');
    await expect(note).toContainText(ANA);
    await expect(note.getByTestId('mention')).toHaveText('@Ben Brooks');
    // In the thread among the messages, after the customer's first one; not a message itself.
    await expect(ana.getByTestId('message').filter({ hasText: 'can you unblock it?' })).toHaveCount(0);
    await expect(ana.getByTestId('timeline-event').filter({ hasText: `${ANA} added an internal note` })).toBeVisible();

    // Ben, on another page, is told at once, and the link takes him to the note.
    const toast = ben.getByTestId('toast').filter({ hasText: `${ANA} mentioned you` });
    await expect(toast).toBeVisible();
    await toast.getByRole('link', { name: 'Open conversation' }).click();
    await expect(ben).toHaveURL(new RegExp(`/inbox/${id}$`));
    await expect(ben.getByTestId('note').filter({ hasText: 'can you unblock it?' }).getByTestId('mention')).toHaveText('@Ben Brooks');

    // Over the API: a note, with Ben among its mentions; not among the customer-facing messages.
    const messages = await request.get(`/ccaas/1/conversations/${id}/messages`, { headers: auth() });
    expect(messages.status()).toBe(200);
    expect(JSON.stringify(await messages.json())).not.toContain('unblock');
    const notes = (await (await request.get(`/ccaas/1/conversations/${id}/notes`, { headers: auth() })).json()) as { notes: { content: string; type: string }[] };
    expect(notes.notes).toEqual([expect.objectContaining({ content: text, type: 'INTERNAL' })]);

    // A reply in Reply mode is still a message: the two drafts are kept apart.
    await ana.getByRole('button', { name: 'Reply', exact: true }).click();
    await expect(noteForm).toHaveAttribute('data-mode', 'reply');
    // The one control labelled Reply (other specs find it so) is the reply's textarea, its draft empty.
    await expect(ana.getByLabel('Reply')).toHaveValue('');
    await ben.context().close();
  });

  test('metadata set over the API appears on the open conversation page without a reload', async ({ page, request }) => {
    const id = await createConversation(request, `Metadata ${unique()}`);
    await goLive(page, `/inbox/${id}`);
    const card = page.getByRole('region', { name: 'Metadata' });
    await expect(card).toContainText('No metadata. API clients set it with PUT …/metadata.');

    const put = await request.put(`/ccaas/1/conversations/${id}/metadata`, { headers: auth(), data: { plan: 'gold', crm: { id: 17 } } });
    expect(put.status(), await put.text()).toBe(200);
    const rows = card.getByTestId('metadata-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'plan' })).toContainText('gold');
    await expect(rows.filter({ hasText: 'crm' })).toContainText('{"id":17}');
    await expect(page.getByTestId('timeline-event').filter({ hasText: 'set metadata plan, crm' })).toBeVisible();

    const patch = await request.patch(`/ccaas/1/conversations/${id}/metadata`, { headers: auth(), data: { plan: null } });
    expect(patch.status()).toBe(200);
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('crm');
  });
});
