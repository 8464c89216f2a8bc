import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';

export const PASSWORD = 'demo1234';
/** For users a test creates: the People page refuses common passwords such as the seed's demo1234 (lib/auth/password-policy.ts). */
export const NEW_USER_PASSWORD = 'plum kettle orbit 42';

/**
 * Signs the test servers' sessions. Fixed, so a second instance started by a test (two app
 * instances on one PostgreSQL) accepts the same session cookies. Test servers only.
 */
export const E2E_AUTH_SECRET = 'switchboard-e2e-only-not-a-real-secret';

export const ROLES = {
  admin: { email: 'admin@example.com', name: 'Alex Admin', role: 'Admin' },
  supervisor: { email: 'supervisor@example.com', name: 'Sam Supervisor', role: 'Supervisor' },
  agent: { email: 'ana@example.com', name: 'Ana Alvarez', role: 'Agent' },
} as const;

export type RoleName = keyof typeof ROLES;

export const storageState = (role: RoleName) => path.join(import.meta.dirname, '.auth', `${role}.json`);

/** Unique enough to keep parallel specs' names apart. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** An API key acting as a supervisor, made the way an admin would: in the People page. */
export async function createApiKey(browser: Browser, label: string): Promise<string> {
  const admin = await browser.newContext({ storageState: storageState('admin') });
  const page = await admin.newPage();
  await page.goto('/people');
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Key name').fill(`e2e ${label} ${unique()}`);
  await form.getByLabel('Acts as').selectOption('SUPERVISOR');
  await form.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByLabel('New API key').inputValue();
  await admin.close();
  return key;
}

/** A fresh session through the sign-in form (not a shared storage state), so signing out ends only this one. */
export async function signIn(browser: Browser, who: { email: string; name: string }, password = PASSWORD): Promise<Page> {
  // Empty state: a describe's storage state would otherwise apply to this context too.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toContainText(who.name);
  return page;
}
