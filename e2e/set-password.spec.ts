import { expect, test } from '@playwright/test';
import { storageState, unique } from './fixtures';

test.describe('set-password links', () => {
  test.use({ storageState: storageState('admin') });

  test('an admin issues a link on the People page; a fresh browser sets a password with it and signs in', async ({ page, browser }) => {
    const name = `Lina Link ${unique()}`;
    const email = `lina.${unique()}@example.com`;
    await page.goto('/people');
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Initial password').fill('initial-only-123');
    await form.getByRole('button', { name: /Create/ }).click();
    const row = page.getByTestId('person-row').filter({ hasText: email });
    await expect(row).toBeVisible();

    await row.getByRole('button', { name: `Reset password for ${name}` }).click();
    await row.getByRole('button', { name: 'Reset and show the link' }).click();
    const field = row.getByRole('textbox', { name: `Set-password link for ${name}` });
    await expect(field).toBeVisible();
    const link = new URL(await field.inputValue());
    expect(link.pathname).toBe('/set-password');
    expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    await row.getByRole('button', { name: 'Done' }).click();
    await expect(field).toHaveCount(0);

    // Someone else's browser: no session at all.
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const visitor = await context.newPage();
    await visitor.goto(link.pathname + link.search);
    await expect(visitor.getByRole('heading', { name: 'Set your password' })).toBeVisible();
    await expect(visitor.getByText(email)).toBeVisible();
    await visitor.getByLabel('New password').fill('chosen-password-1');
    await visitor.getByLabel('Repeat the password').fill('chosen-password-2');
    await visitor.getByRole('button', { name: 'Set password' }).click();
    await expect(visitor.getByText('The two passwords differ.')).toBeVisible();
    await visitor.getByLabel('Repeat the password').fill('chosen-password-1');
    await visitor.getByRole('button', { name: 'Set password' }).click();
    await expect(visitor.getByRole('status')).toContainText('Your password is set');

    await visitor.getByRole('link', { name: 'Go to sign in' }).click();
    await expect(visitor).toHaveURL(/\/signin/);
    await visitor.getByLabel('Email').fill(email);
    await visitor.getByLabel('Password').fill('chosen-password-1');
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await expect(visitor.getByTestId('current-user')).toContainText(name);

    // The link worked once.
    const again = await context.newPage();
    await again.goto(link.pathname + link.search);
    await expect(again.getByRole('alert').filter({ hasText: 'already been used' })).toBeVisible();
    await context.close();
  });

  test('an unknown link says so and offers sign-in', async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto('/set-password?token=not-a-real-token');
    await expect(page.getByRole('alert').filter({ hasText: 'This link is not valid.' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to sign in' })).toBeVisible();
    await context.close();
  });
});
