import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, ROLES, signIn, storageState, unique } from './fixtures';

// Canned replies and the collision warning on the conversation page (issue 15). Conversations are
// SMS ones in General support (auto-assignment off for SMS), of which Ana and Ben are both members.

const BEN = { email: 'ben@example.com', name: 'Ben Brooks' };
const ANA = ROLES.agent.name;

let apiKey: string;
const auth = () => ({ Authorization: `App ${apiKey}` });

async function createConversation(request: APIRequestContext, topic: string, customerName: string): Promise<string> {
  const queues = await request.get('/ccaas/1/queues?name=General', { headers: auth() });
  const general = ((await queues.json()) as { queues: { id: string; name: string }[] }).queues.find((q) => q.name === 'General support')!;
  const res = await request.post('/ccaas/1/conversations', {
    headers: auth(),
    data: { topic, channel: 'SMS', queueId: general.id, customer: { email: `e2e-${unique()}@example.org`, name: customerName }, message: { text: 'Where is my parcel?' } },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function goLive(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live', { timeout: 30_000 });
}

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser, 'canned');
});

test.describe('canned replies and who else is here', () => {
  test.use({ storageState: storageState('agent') });

  test('Ana writes a personal reply, then / in the reply box inserts it with the customer’s name filled in', async ({ page, request }) => {
    const title = `Parcel delay ${unique()}`;
    await page.goto('/canned-replies');
    // An agent writes only their own: the shared list has no "New" for her.
    await expect(page.getByRole('button', { name: 'New shared reply' })).toHaveCount(0);
    await page.getByRole('button', { name: 'New personal reply' }).click();
    const form = page.getByRole('form', { name: 'New personal reply' });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Text').fill('Hi ');
    await form.getByRole('button', { name: '{{customer.name}}' }).click();
    await form.getByLabel('Text').press('End');
    await form.getByLabel('Text').pressSequentially(', {{agent.name}} here: your parcel is on its way.');
    await form.getByRole('button', { name: 'Add reply' }).click();
    await expect(page.getByRole('list', { name: 'Your replies' }).getByText(title)).toBeVisible();

    const id = await createConversation(request, `Canned ${unique()}`, 'Nora Canned');
    await page.goto(`/inbox/${id}`);
    const box = page.getByTestId('composer').getByRole('combobox', { name: 'Reply' });
    await box.pressSequentially('Thanks for waiting. /');
    const list = page.getByRole('listbox', { name: 'Canned replies' });
    await expect(list).toBeVisible();
    await box.pressSequentially(title.split(' ').at(-1)!);
    const option = list.getByRole('option');
    await expect(option).toHaveCount(1);
    await expect(option).toContainText(title);
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
    await box.press('Enter');
    await expect(list).toBeHidden();
    await expect(box).toHaveValue(`Thanks for waiting. Hi Nora Canned, ${ANA} here: your parcel is on its way.`);

    // Escape closes the list and leaves the text as typed.
    await box.pressSequentially(' /');
    await expect(list).toBeVisible();
    await box.press('Escape');
    await expect(list).toBeHidden();
    await expect(box).toHaveValue(`Thanks for waiting. Hi Nora Canned, ${ANA} here: your parcel is on its way. /`);
  });

  test('two agents on one conversation see each other: viewing, typing, and gone when one leaves', async ({ page: ana, browser, request }) => {
    // Two consoles, a sign-in and a pause for typing to lapse: more than the default budget on a loaded machine.
    test.slow();
    const id = await createConversation(request, `Collision ${unique()}`, 'Cora Collision');
    const ben = await signIn(browser, BEN);
    // Busy: Ben takes nothing automatically while this test has him signed in (other specs run alongside).
    await ben.getByLabel('Availability').selectOption('BUSY');
    await expect(ben.getByLabel('Availability')).toBeEnabled();

    await goLive(ana, `/inbox/${id}`);
    await goLive(ben, `/inbox/${id}`);
    const anaSees = ana.getByTestId('viewers');
    const benSees = ben.getByTestId('viewers');
    // Ben's arrival is announced to Ana, and Ana answers at once, so each sees the other.
    await expect(anaSees).toHaveText(`${BEN.name} is viewing`, { timeout: 20_000 });
    await expect(benSees).toHaveText(`${ANA} is viewing`, { timeout: 20_000 });

    await ben.getByTestId('composer').getByRole('combobox', { name: 'Reply' }).pressSequentially('Hello Cora');
    await expect(anaSees).toHaveText(`${BEN.name} is typing a reply…`);
    // Typing stops showing a few seconds after the last key.
    await expect(anaSees).toHaveText(`${BEN.name} is viewing`, { timeout: 15_000 });

    await ben.getByRole('link', { name: 'Back to inbox' }).click();
    await expect(ben).toHaveURL(/\/inbox$/);
    await expect(anaSees).toHaveText('');
    await ben.context().close();
  });
});
