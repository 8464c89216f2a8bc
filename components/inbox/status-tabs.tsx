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
 * One tab per status, plus "Unsolved" (OPEN + WAITING: the default view) and "All", each with its count
 * under the other filters; switching keeps the other filters and goes back to the first page.
 */
export function StatusTabs({ filters, status, counts }: { filters: InboxFilters; status: StatusView; counts: Partial<Record<ConversationStatus, number>> }) {
  const sum = (statuses: readonly ConversationStatus[]) => statuses.reduce((a, s) => a + (counts[s] ?? 0), 0);
  const tab = (value: StatusView, label: string, count: number) => (
    // The default view's address has no status at all (a search's default is all, so it says so).
    <StatusTab key={value} href={inboxHref({ ...filters, status: value === 'active' && !filters.q ? undefined : value, page: 0 })} label={label} count={tabCount(count)} active={status === value} />
  );
  return (
    <nav aria-label="Status" className="flex flex-wrap gap-2">
      {tab('active', 'Unsolved', sum(['OPEN', 'WAITING']))}
      {CONVERSATION_STATUSES.map((s) => tab(s, STATUS_LABEL[s], counts[s] ?? 0))}
      {tab('all', 'All', sum(CONVERSATION_STATUSES))}
    </nav>
  );
}

function StatusTab({ href, label, count, active }: { href: string; label: string; count: string; active: boolean }) {
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
      <span className={`rounded-full px-1.5 text-xs ${active ? 'bg-brand-700 text-white' : 'bg-slate-100 text-slate-600'}`}>{count}</span>
    </Link>
  );
}
