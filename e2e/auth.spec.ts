import { expect, test } from '@playwright/test';
import { PASSWORD, ROLES, storageState } from './fixtures';

test.describe('signed out', () => {
  test('the console sends a visitor to sign in', async ({ page }) => {
    await page.goto('/inbox');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Finbox/);
    await expect(page.getByRole('heading', { name: 'Sign in to your console' })).toBeVisible();
  });

  test('a wrong password is refused with a clear message', async ({ page }) => {
    await page.goto('/signin');
    await page.getByLabel('Email').fill(ROLES.agent.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('sign in, then sign out: the session ends and the agent goes offline', async ({ page, browser }) => {
    // Signing out reassigns the agent's open conversations before it redirects: on a loaded 2-core
    // machine that has taken over 10 s, so the redirect gets the time it needs (it is still waited on, not slept).
    test.slow();
    await page.goto('/signin');
    await page.getByLabel('Email').fill('ben@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('current-user')).toContainText('Ben Brooks');
    const admin = await browser.newContext({ storageState: storageState('admin') });
    const people = await admin.newPage();
    await people.goto('/people');
    const ben = people.getByRole('row', { name: /Ben Brooks/ });
    await expect(ben).toContainText('Online');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/, { timeout: 45_000 });
    // The session is really gone, not just hidden.
    await page.goto('/inbox');
    await expect(page).toHaveURL(/\/signin/);

    await people.reload();
    await expect(ben).toContainText('Offline');
    await admin.close();
  });
});

test.describe('roles', () => {
  test.describe('admin', () => {
    test.use({ storageState: storageState('admin') });
    test('sees every page in the navigation, with name and role', async ({ page }) => {
      await page.goto('/inbox');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText(['Inbox', 'Canned replies', 'Dashboard', 'Queues', 'Routes', 'Inboxes', 'People', 'Working hours', 'Audit log', 'Webhooks']);
      await expect(page.getByTestId('current-user')).toContainText('Alex Admin');
      await expect(page.getByTestId('current-user')).toContainText('Admin · admin@example.com');
      await page.getByRole('link', { name: 'People' }).click();
      await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
      // The seeded people; other specs add users (and key fixtures bot users) in parallel.
      for (const name of ['Alex Admin', 'Sam Supervisor', 'Ana Alvarez', 'Ben Brooks', 'Chen Wei', 'Dara Okafor']) {
        await expect(page.getByTestId('person-row').filter({ hasText: name })).toHaveCount(1);
      }
      await expect(page.getByRole('row', { name: /Ana Alvarez/ })).toContainText('Agent');
    });
  });

  test.describe('supervisor', () => {
    test.use({ storageState: storageState('supervisor') });
    test('sees queues but not people', async ({ page }) => {
      await page.goto('/inbox');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText(['Inbox', 'Canned replies', 'Dashboard', 'Queues', 'Routes', 'Working hours']);
      await page.getByRole('link', { name: 'Queues' }).click();
      await expect(page.getByRole('heading', { name: 'Authentication bot' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Verified customers' })).toBeVisible();
      const res = await page.goto('/people');
      expect(res?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
    });
  });

  test.describe('agent', () => {
    test.use({ storageState: storageState('agent') });
    test('is refused supervisor and admin pages by the server', async ({ page, request }) => {
      await page.goto('/inbox');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText(['Inbox', 'Canned replies']);
      // Typing the address is not enough: the server answers 403 and shows none of the data.
      for (const path of ['/queues', '/people', '/dashboard']) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(403);
        await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
        await expect(page.getByTestId('person-row')).toHaveCount(0);
        await expect(page.getByTestId('queue-card')).toHaveCount(0);
        await expect(page.getByTestId('dashboard-queue')).toHaveCount(0);
      }
      // The same with a plain HTTP request carrying the agent's cookies.
      const raw = await request.get('/people');
      expect(raw.status()).toBe(403);
      expect(await raw.text()).not.toContain('admin@example.com');
    });
  });
});
