import { expect, test, type Browser, type Page } from '@playwright/test';
import { storageState, unique } from './fixtures';

// Issue 14's probes, through the real server (scripts/server.mjs, no TRUSTED_PROXY): the client
// address comes from the socket, so a client rotating X-Forwarded-For is still one address; a
// reset ends the user's sessions; changing one's own password needs the current one.

const INITIAL = 'plum kettle orbit 42';
const FREE_PAIR_FAILURES = 5; // lib/auth/throttle.ts THROTTLE.pair.free

/** A user of this test alone, made by an admin on the People page. */
async function newUser(browser: Browser, label: string): Promise<{ name: string; email: string }> {
  const name = `${label} ${unique()}`;
  const email = `${label.toLowerCase().replace(/\W+/g, '.')}.${unique()}@example.com`;
  const admin = await browser.newContext({ storageState: storageState('admin') });
  const page = await admin.newPage();
  await page.goto('/people');
  const form = page.getByRole('form', { name: 'Create a user' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Initial password').fill(INITIAL);
  await form.getByRole('button', { name: /Create/ }).click();
  await expect(page.getByTestId('person-row').filter({ hasText: email })).toBeVisible();
  await admin.close();
  return { name, email };
}

/** The sign-in form in a browser of its own; `forwardedFor` is sent on every request as a client may. */
async function trySignIn(browser: Browser, email: string, password: string, forwardedFor?: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, ...(forwardedFor && { extraHTTPHeaders: { 'X-Forwarded-For': forwardedFor } }) });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

async function signedIn(browser: Browser, who: { name: string; email: string }, password: string): Promise<Page> {
  const page = await trySignIn(browser, who.email, password);
  await expect(page.getByTestId('current-user')).toContainText(who.name);
  return page;
}

test('rotating X-Forwarded-For does not get a client more guesses: the sign-in page says when to try again', async ({ browser }) => {
  test.slow(); // six browsers, one sign-in each
  const victim = await newUser(browser, 'Rota Victim');
  for (let i = 1; i <= FREE_PAIR_FAILURES; i++) {
    const page = await trySignIn(browser, victim.email, `wrong-guess-${i}`, `198.51.100.${i}`);
    await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong email or password.');
    await page.context().close();
  }
  // A sixth address in the header, and the right password: still the same client, so it waits.
  const page = await trySignIn(browser, victim.email, INITIAL, '198.51.100.99');
  await expect(page.locator('form').getByRole('alert')).toHaveText('Too many attempts. Try again in 1 minute.');
  await expect(page).toHaveURL(/\/signin/);
  await page.context().close();
});

test('an admin’s reset ends the user’s sessions and stops the old password; the link sets a new one once', async ({ browser }) => {
  test.slow(); // five sign-ins and a reset in several browsers
  const user = await newUser(browser, 'Reset Person');
  const session = await signedIn(browser, user, INITIAL);

  const admin = await browser.newContext({ storageState: storageState('admin') });
  const people = await admin.newPage();
  await people.goto('/people');
  const row = people.getByTestId('person-row').filter({ hasText: user.email });
  await row.getByRole('button', { name: `Reset password for ${user.name}` }).click();
  await row.getByRole('button', { name: 'Reset and show the link' }).click();
  const link = new URL(await row.getByRole('textbox', { name: `Set-password link for ${user.name}` }).inputValue());
  await admin.close();

  // The session from before the reset has ended.
  await session.goto('/inbox');
  await expect(session).toHaveURL(/\/signin/);
  const old = await trySignIn(browser, user.email, INITIAL);
  await expect(old.locator('form').getByRole('alert')).toHaveText('Wrong email or password.');
  await old.context().close();

  await session.goto(link.pathname + link.search);
  await session.getByLabel('New password').fill('password123');
  await session.getByLabel('Repeat the password').fill('password123');
  await session.getByRole('button', { name: 'Set password' }).click();
  await expect(session.getByText('This password is too common or too easy to guess.')).toBeVisible();
  await session.getByLabel('New password').fill('harbor lantern quiet 7');
  await session.getByLabel('Repeat the password').fill('harbor lantern quiet 7');
  await session.getByRole('button', { name: 'Set password' }).click();
  await expect(session.getByRole('status')).toContainText('Your password is set');
  await session.context().close();

  const again = await signedIn(browser, user, 'harbor lantern quiet 7');
  await again.goto(link.pathname + link.search);
  await expect(again.getByRole('alert').filter({ hasText: 'already been used' })).toBeVisible();
  await again.context().close();
});

test('changing one’s own password needs the current one, keeps this session and ends the others', async ({ browser }) => {
  test.slow(); // three sign-ins and two password checks
  const user = await newUser(browser, 'Self Changer');
  const other = await signedIn(browser, user, INITIAL);
  const page = await signedIn(browser, user, INITIAL);

  await page.getByRole('link', { name: 'Your profile and password' }).click();
  await expect(page.getByRole('heading', { name: 'Your profile', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Change your password' });
  await form.getByLabel('Current password', { exact: true }).fill('not my password');
  await form.getByLabel('New password', { exact: true }).fill('saffron meadow bicycle');
  await form.getByLabel('Repeat the new password').fill('saffron meadow bicycle');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('That is not your current password.')).toBeVisible();

  await form.getByLabel('Current password', { exact: true }).fill(INITIAL);
  await form.getByLabel('New password', { exact: true }).fill('saffron meadow bicycle');
  await form.getByLabel('Repeat the new password').fill('saffron meadow bicycle');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toContainText('Your password is changed.');

  // This session goes on; the other one has ended.
  await page.goto('/inbox');
  await expect(page.getByTestId('current-user')).toContainText(user.name);
  await other.goto('/inbox');
  await expect(other).toHaveURL(/\/signin/);
  await other.context().close();
  await page.context().close();

  const fresh = await signedIn(browser, user, 'saffron meadow bicycle');
  await fresh.context().close();
});
