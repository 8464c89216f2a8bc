import { expect, test, type Page } from '@playwright/test';
import { NAV_ITEMS } from '../components/console/nav-items';
import { can } from '../lib/access/roles';
import { expectNoSeriousViolations, settle } from './axe';
import { NEW_USER_PASSWORD, ROLES, storageState, unique, type RoleName } from './fixtures';

// Every console page on a phone (issue 15, SPEC §6 "every page works at 390 px"): nothing wider
// than the screen, nothing cut off inside a sideways-scrolling box, and axe at that size too.
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

const ROLE_OF: Record<RoleName, 'ADMIN' | 'SUPERVISOR' | 'AGENT'> = { admin: 'ADMIN', supervisor: 'SUPERVISOR', agent: 'AGENT' };

/**
 * The page fits the window: the document does not scroll sideways, and no box inside it hides
 * content behind a sideways scroll (a table left in an overflow box would pass the first test and
 * still be unusable). Code samples (<pre>) may scroll: they are meant to.
 */
async function expectFitsTheScreen(page: Page) {
  const found = await page.evaluate(() => {
    const width = window.innerWidth;
    const name = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${String(e.getAttribute('class') ?? '').split(' ').slice(0, 4).join('.')}`;
    const sticking = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && e.getBoundingClientRect().width > 0)
      .slice(0, 5)
      .map((e) => `${name(e)} ends at ${Math.round(e.getBoundingClientRect().right)} px`);
    const scrollers = [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('pre') && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
      .slice(0, 5)
      .map((e) => `${name(e)} scrolls ${e.scrollWidth} px in ${e.clientWidth} px`);
    return { scrollWidth: document.documentElement.scrollWidth, width, sticking, scrollers };
  });
  expect(found.scrollWidth, `${page.url()} is wider than the ${found.width} px screen:\n${found.sticking.join('\n')}`).toBeLessThanOrEqual(found.width);
  expect(found.scrollers, `${page.url()} hides content in a sideways scroll`).toEqual([]);
}

async function checkPage(page: Page) {
  await expectFitsTheScreen(page);
  await expectNoSeriousViolations(page);
}

// Every nav entry, for each role that has it: pages added to the nav are checked without a change here.
for (const role of Object.keys(ROLES) as RoleName[]) {
  const entries = NAV_ITEMS.filter((item) => can(ROLE_OF[role], item.permission));
  test.describe(`${role} at 390 px`, () => {
    test.use({ storageState: storageState(role) });
    for (const item of entries) {
      test(`${item.label} (${item.href}) fits and passes axe`, async ({ page }) => {
        await page.goto(item.href);
        await settle(page);
        await checkPage(page);
      });
    }
  });
}

test.describe('agent on a phone', () => {
  test.use({ storageState: storageState('agent') });

  test('the menu: a button opens the nav, Escape shuts it and focus returns; the availability switch stays in the top bar', async ({ page }) => {
    await page.goto('/inbox');
    await settle(page, 'Inbox');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = page.getByRole('button', { name: 'Menu' });
    // Always visible, without opening anything (SPEC §6).
    await expect(page.getByLabel('Availability')).toBeVisible();
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link', { name: 'Inbox' })).toBeFocused();
    await expect(page.getByTestId('current-user')).toContainText(ROLES.agent.name);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(page.getByLabel('Availability')).toBeVisible();
    await checkPage(page);

    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();

    // Following a link from the menu lands on a page with the menu shut.
    await menu.click();
    await nav.getByRole('link', { name: 'Inbox' }).click();
    await expect(nav).toBeHidden();
  });

  test('the inbox list reads as cards; a conversation shows its details under the thread', async ({ page }) => {
    await page.goto('/inbox');
    await settle(page, 'Inbox');
    const row = page.getByTestId('conversation-row').first();
    await expect(row).toBeVisible();
    // The card fits the screen.
    const box = await row.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);

    const link = row.getByRole('link').first();
    // An unread row's link starts with a word for screen readers; the page's heading is the topic alone.
    const topic = ((await link.textContent()) ?? '').replace(/^Unread: /, '').trim();
    await link.click();
    await expect(page).toHaveURL(/\/inbox\/[^/?]+$/);
    await settle(page, topic);
    const thread = await page.getByRole('region', { name: 'Conversation', exact: true }).boundingBox();
    const details = await page.getByRole('complementary', { name: 'Details' }).boundingBox();
    expect(details!.y).toBeGreaterThan(thread!.y + thread!.height);
    await checkPage(page);
  });

  test('profile', async ({ page }) => {
    await page.goto('/profile');
    await settle(page, 'Your profile');
    await checkPage(page);
  });

  test('the 403 page', async ({ page }) => {
    await page.goto('/people');
    await settle(page, 'You don’t have access to this page');
    await checkPage(page);
  });
});

test.describe('supervisor on a phone', () => {
  test.use({ storageState: storageState('supervisor') });

  test('the route editor with a route\'s conditions open and a simulation shown', async ({ page }) => {
    test.slow();
    await page.goto('/routes');
    await settle(page, 'Routes');
    await page.getByRole('button', { name: 'Edit conditions' }).first().click();
    await expect(page.getByTestId('condition').first()).toBeVisible();
    await page.getByRole('button', { name: 'Add group' }).first().click();
    const simulator = page.getByRole('form', { name: 'Simulate a conversation' });
    await simulator.getByLabel('Message text').fill('My invoice is wrong');
    await simulator.getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByTestId('simulation-outcome')).toBeVisible();
    await checkPage(page);
  });
});

test.describe('admin on a phone', () => {
  test.use({ storageState: storageState('admin') });

  test('working hours: the form, then the new card', async ({ page }) => {
    await page.goto('/working-hours');
    await settle(page, 'Working hours');
    await page.getByRole('button', { name: 'New working hours' }).click();
    const form = page.getByRole('form', { name: 'New working hours' });
    const name = `Phone hours ${unique()}`;
    await form.getByLabel('Name').fill(name);
    await form.getByRole('button', { name: 'Add a holiday' }).click();
    await form.getByLabel('Holiday 1 name').fill('New Year');
    await form.getByLabel('Holiday 1 from').fill('2027-01-01');
    await form.getByLabel('Holiday 1 to').fill('2027-01-01');
    await checkPage(page);
    await form.getByRole('button', { name: 'Create working hours' }).click();
    await expect(page.getByTestId('working-hours-card').filter({ hasText: name })).toBeVisible();
    await checkPage(page);
  });

  test('people with a set-password link shown; the link\'s page and the audit log at 390 px', async ({ page, browser }) => {
    // Four pages through axe.
    test.slow();
    const name = `Pia Phone ${unique()}`;
    const email = `pia.${unique()}@example.com`;
    await page.goto('/people');
    await settle(page, /People/);
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Initial password').fill(NEW_USER_PASSWORD);
    await form.getByRole('button', { name: /Create/ }).click();
    const row = page.getByTestId('person-row').filter({ hasText: email });
    await row.getByRole('button', { name: `Reset password for ${name}` }).click();
    await row.getByRole('button', { name: 'Reset and show the link' }).click();
    const field = row.getByRole('textbox', { name: `Set-password link for ${name}` });
    await expect(field).toBeVisible();
    await checkPage(page);

    const link = new URL(await field.inputValue());
    const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: PHONE });
    const tab = await visitor.newPage();
    await tab.goto(link.pathname + link.search);
    await settle(tab, 'Set your password');
    await expect(tab.getByText(email)).toBeVisible();
    await checkPage(tab);
    await visitor.close();

    // The user just made and the reset are audit rows, so the log has cards to show.
    await page.goto('/audit');
    await settle(page, 'Audit log');
    await expect(page.getByTestId('audit-row').first()).toBeVisible();
    await checkPage(page);
  });
});

test.describe('signed out on a phone', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('sign-in page, with a refusal shown', async ({ page }) => {
    await page.goto('/signin');
    await settle(page, 'Sign in to your console');
    await checkPage(page);
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
    await checkPage(page);
  });

  test('a set-password link that is not valid', async ({ page }) => {
    await page.goto('/set-password?token=not-a-real-token');
    await settle(page);
    await checkPage(page);
  });

  test('the API reference', async ({ page }) => {
    // axe over every operation of the reference page takes a while (see a11y.spec.ts), longer on a loaded machine.
    test.setTimeout(240_000);
    await page.goto('/ccaas/docs');
    await settle(page);
    await checkPage(page);
  });
});

test.describe('desktop, 1440 × 900', () => {
  test.use({ viewport: { width: 1440, height: 900 }, storageState: storageState('admin') });

  test('the sidebar shows the nav and the switch, and there is no menu button', async ({ page }) => {
    await page.goto('/inbox');
    await settle(page, 'Inbox');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' })).toBeVisible();
    await expect(page.getByLabel('Availability')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
    // The inbox is a table again: its headers are shown.
    await expect(page.getByRole('columnheader', { name: 'Priority' })).toBeVisible();
    const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(heading!.x).toBeGreaterThan(nav!.x + nav!.width);
    await expectFitsTheScreen(page);
  });
});
