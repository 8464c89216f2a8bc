import { expect, test as setup } from '@playwright/test';
import { PASSWORD, ROLES, storageState, type RoleName } from './fixtures';

// Signs each role in once through the real form and keeps the session for the other specs.
for (const role of Object.keys(ROLES) as RoleName[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const who = ROLES[role];
    await page.goto('/signin');
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(page.getByTestId('current-user')).toContainText(who.name);
    await page.context().storageState({ path: storageState(role) });
  });
}
