import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// Shared by the specs that run axe (a11y.spec.ts, mobile.spec.ts): WCAG 2.1 A/AA (issue 6). Only
// serious and critical findings fail the run; the rest are printed, so they are seen without blocking.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

function describe(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`)
        .join('\n');
      const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '';
      return `[${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n\n');
}

export async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const minor = violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  if (minor.length) console.log(`minor axe findings on ${page.url()}:\n${describe(minor)}`);
  // The count, not the objects: the message carries the readable list instead of a JSON diff.
  expect(blocking.length, `axe found serious or critical violations on ${page.url()}:\n\n${describe(blocking)}`).toBe(0);
}

/**
 * A page is ready for a check when it has loaded and shows its heading. Not 'networkidle': a live
 * page keeps a server-sent events stream open, so the network is never idle.
 */
export async function settle(page: Page, heading?: string | RegExp) {
  await page.waitForLoadState('load');
  await expect(page.getByRole('heading', { level: 1, ...(heading && { name: heading }) }).first()).toBeVisible();
}
