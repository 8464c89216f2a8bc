import Link from 'next/link';
import type { ConversationStatus } from '@/lib/generated/prisma/enums';
import { CONVERSATION_STATUSES } from '@/lib/validation/conversations';
import { STATUS_LABEL } from '@/lib/format';
import { inboxHref, TAB_COUNT_CAP, type InboxFilters, type StatusView } from '@/lib/query/inbox-filters';

/** A capped count as shown: exact up to the cap, "999+" past it. */
export function tabCount(n: number): string {
  return n > TAB_COUNT_CAP ? `${TAB_COUNT_CAP}+` : String(n);
}

/**
 * One tab per status, plus "Unsolved" (OPEN + WAITING, snoozed ones left out: the default view),
 * "All" and "Snoozed", each with its count under the other filters; switching keeps the other
 * filters and goes back to the first page.
 */
export function StatusTabs({
  filters,
  status,
  counts,
  snoozed,
  counted = true,
}: {
  filters: InboxFilters;
  status: StatusView;
  counts: Partial<Record<ConversationStatus, number>>;
  snoozed: number;
  /** False: a search too broad to count; the tabs show no numbers. */
  counted?: boolean;
}) {
  const sum = (statuses: readonly ConversationStatus[]) => statuses.reduce((a, s) => a + (counts[s] ?? 0), 0);
  // Leaving the Snoozed tab drops "only snoozed"; "hide snoozed" stays.
  const onSnoozed = filters.snoozed === 'only';
  const base = { ...filters, snoozed: onSnoozed ? undefined : filters.snoozed, page: 0 };
  const tab = (value: StatusView, label: string, count: number) => (
    // The default view's address has no status at all (a search's default is all, so it says so).
    <StatusTab key={value} href={inboxHref({ ...base, status: value === 'active' && !filters.q ? undefined : value })} label={label} count={counted ? tabCount(count) : null} active={status === value && !onSnoozed} />
  );
  // Snoozed conversations are WAITING; a capped part keeps the sum past the cap ("999+").
  const waiting = counts.WAITING ?? 0;
  const unsolved = sum(['OPEN']) + (waiting > TAB_COUNT_CAP ? waiting : Math.max(0, waiting - snoozed));
  return (
    <nav aria-label="Status" className="flex flex-wrap gap-2">
      {tab('active', 'Unsolved', unsolved)}
      {CONVERSATION_STATUSES.map((s) => tab(s, STATUS_LABEL[s], counts[s] ?? 0))}
      {tab('all', 'All', sum(CONVERSATION_STATUSES))}
      <StatusTab href={inboxHref({ ...filters, status: 'all', snoozed: 'only', page: 0 })} label="Snoozed" count={counted ? tabCount(snoozed) : null} active={onSnoozed} />
    </nav>
  );
}

function StatusTab({ href, label, count, active }: { href: string; label: string; count: string | null; active: boolean }) {
  return (
    <Link
      href={href}
      scroll={false}
      aria-current={active ? 'page' : undefined}
      className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
        active ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
      }`}
    >
      {label}
      {count !== null && <span className={`rounded-full px-1.5 text-xs ${active ? 'bg-brand-700 text-white' : 'bg-slate-100 text-slate-600'}`}>{count}</span>}
    </Link>
  );
}
