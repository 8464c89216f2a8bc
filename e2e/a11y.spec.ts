import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, settle } from './axe';
import { storageState, type RoleName } from './fixtures';

// Every page against WCAG 2.1 A/AA (issue 6), at the desktop size; mobile.spec.ts checks them at 390 px.

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('sign-in page', async ({ page }) => {
    await page.goto('/signin');
    await settle(page, 'Sign in to your console');
    await expectNoSeriousViolations(page);
  });

  test('sign-in page showing a refusal', async ({ page }) => {
    await page.goto('/signin');
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Next's route announcer is an (empty) alert too.
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});

test.describe('agent', () => {
  test.use({ storageState: storageState('agent') });

  test('inbox', async ({ page }) => {
    await page.goto('/inbox');
    await settle(page, 'Inbox');
    await expect(page.getByTestId('conversation-row').first()).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test('inbox with the shortcuts dialog open', async ({ page }) => {
    await page.goto('/inbox');
    await settle(page, 'Inbox');
    await page.getByRole('button', { name: /Keyboard shortcuts/ }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test('a conversation the agent can see', async ({ page }) => {
    await page.goto('/inbox');
    const link = page.getByTestId('conversation-row').first().getByRole('link').first();
    // The default view puts the longest waiting first, often one of the agent's own unread ones,
    // whose link starts with a screen-reader-only "Unread: ".
    const topic = (await link.textContent())?.replace(/^\s*Unread:\s*/, '').trim() ?? '';
    await link.click();
    await expect(page).toHaveURL(/\/inbox\/[^/?]+$/);
    await settle(page, topic);
    await expectNoSeriousViolations(page);
  });

  test('the 403 page', async ({ page }) => {
    const res = await page.goto('/people');
    expect(res?.status()).toBe(403);
    await settle(page, 'You don’t have access to this page');
    await expectNoSeriousViolations(page);
  });

  test('the 404 page', async ({ page }) => {
    await page.goto('/inbox/00000000-0000-0000-0000-000000000000');
    await settle(page);
    await expectNoSeriousViolations(page);
  });
});

test.describe('supervisor, with the pages in use', () => {
  test.use({ storageState: storageState('supervisor') });

  test('routes with a route\'s conditions open and a simulation shown', async ({ page }) => {
    await page.goto('/routes');
    await settle(page, 'Routes');
    await page.getByRole('button', { name: 'Edit conditions' }).first().click();
    const simulator = page.getByRole('form', { name: 'Simulate a conversation' });
    await simulator.getByLabel('Message text').fill('My invoice is wrong');
    await simulator.getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByTestId('simulation-outcome')).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});

test.describe('anyone', () => {
  test('the API reference', async ({ page }) => {
    // axe over every operation of the reference page: ~21 s of axe alone at load ~15 (23–33 s in all).
    test.slow();
    await page.goto('/ccaas/docs');
    await settle(page);
    await expectNoSeriousViolations(page);
  });
});

// The console pages for the roles that use them.
const PAGES: { path: string; role: RoleName; heading?: string | RegExp }[] = [
  { path: '/routes', role: 'supervisor', heading: 'Routes' },
  { path: '/queues', role: 'supervisor', heading: 'Queues' },
  { path: '/inboxes', role: 'admin', heading: 'Inboxes' },
  { path: '/people', role: 'admin', heading: /People/ },
  { path: '/dashboard', role: 'supervisor', heading: 'Dashboard' },
  { path: '/profile', role: 'agent', heading: 'Your profile' },
  { path: '/audit', role: 'admin', heading: 'Audit log' },
  { path: '/webhooks', role: 'admin', heading: 'Webhooks' },
];

for (const { path, role, heading } of PAGES) {
  test.describe(`${role} on ${path}`, () => {
    test.use({ storageState: storageState(role) });

    test(`${path}`, async ({ page }) => {
      await page.goto(path);
      await settle(page, heading);
      await expectNoSeriousViolations(page);
    });
  });
}
