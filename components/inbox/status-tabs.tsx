import Link from 'next/link';
import type { ConversationStatus } from '@/lib/generated/prisma/enums';
import { CONVERSATION_STATUSES } from '@/lib/validation/conversations';
import { STATUS_LABEL } from '@/lib/format';
import { inboxHref, type InboxFilters } from '@/lib/query/inbox-filters';

/** One tab per status with its count; switching keeps the other filters and goes back to the first page. */
export function StatusTabs({ filters, counts, snoozed }: { filters: InboxFilters; counts: Partial<Record<ConversationStatus, number>>; snoozed: number }) {
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  // The Snoozed tab is one more tab: leaving it drops "only snoozed"; "hide snoozed" stays.
  const onSnoozed = filters.snoozed === 'only';
  const base = { ...filters, snoozed: onSnoozed ? undefined : filters.snoozed, page: 0 };
  return (
    <nav aria-label="Status" className="flex flex-wrap gap-2">
      <StatusTab href={inboxHref({ ...base, status: undefined })} label="All" count={total} active={!filters.status && !onSnoozed} />
      {CONVERSATION_STATUSES.map((s) => (
        <StatusTab key={s} href={inboxHref({ ...base, status: s })} label={STATUS_LABEL[s]} count={counts[s] ?? 0} active={filters.status === s && !onSnoozed} />
      ))}
      <StatusTab href={inboxHref({ ...filters, status: undefined, snoozed: 'only', page: 0 })} label="Snoozed" count={snoozed} active={onSnoozed} />
    </nav>
  );
}

function StatusTab({ href, label, count, active }: { href: string; label: string; count: number; active: boolean }) {
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
