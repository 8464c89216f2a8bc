'use client';

import { useOptimistic, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import type { InboxList } from '@/lib/actions/conversation-list';
import { useConversationList } from '@/lib/query/conversations';
import { hasNarrowingFilters, inboxHref, inboxSearchParams, type InboxFilters } from '@/lib/query/inbox-filters';
import { Pagination } from '@/components/ui/pagination';
import { ConversationTable } from './conversation-table';
import { FilterBar, type FilterOptions } from './filter-bar';
import { StatusTabs } from './status-tabs';
import type { Taker } from './assign-to-me-button';

/** The inbox list: filters live in the URL (the server renders the first page), the rows in the query cache. */
export function InboxView({ filters, initial, options, me }: { filters: InboxFilters; initial: InboxList; options: FilterOptions; me: Taker }) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  // Controls show the filters asked for at once, and a second change made before the first page
  // arrives builds on the first instead of undoing it.
  const [shown, setShown] = useOptimistic(filters);
  const { data, isFetching, error } = useConversationList(filters, initial);

  const change = (patch: Partial<InboxFilters>) => {
    const next = { ...shown, ...patch, page: 0 };
    startTransition(() => {
      setShown(next);
      router.replace(inboxHref(next), { scroll: false });
    });
  };

  const busy = navigating || isFetching;
  return (
    <div className="space-y-4">
      <StatusTabs filters={shown} counts={data.counts} />
      <FilterBar filters={shown} options={options} onChange={change} />
      <p aria-live="polite" className="sr-only">
        {navigating ? 'Loading conversations…' : ''}
      </p>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          Could not refresh the list: {error.message} It shows what was loaded before.
        </p>
      )}
      <div aria-busy={busy} className={navigating ? 'opacity-60 transition-opacity' : undefined}>
        <ConversationTable items={data.items} now={data.now} filtered={hasNarrowingFilters(filters) || !!filters.status} me={me} />
        {data.totalItems > 0 && (
          <Pagination
            page={data.page}
            limit={data.limit}
            totalItems={data.totalItems}
            basePath="/inbox"
            params={Object.fromEntries(inboxSearchParams({ ...filters, page: 0 }))}
          />
        )}
      </div>
    </div>
  );
}
