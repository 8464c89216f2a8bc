'use client';

import { useEffect, useId, useOptimistic, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import type { InboxList } from '@/lib/domain/conversations/inbox-list';
import { useConversationList } from '@/lib/query/conversations';
import { effectiveFilters, hasNarrowingFilters, inboxHref, inboxSearchParams, withoutDefaults, type InboxFilters } from '@/lib/query/inbox-filters';
import type { Role } from '@/lib/generated/prisma/enums';
import type { SavedView } from '@/lib/domain/saved-views';
import { searchTerms } from './highlight';
import { SavedViews } from './saved-views';
import { Pagination } from '@/components/ui/pagination';
import { ConversationTable } from './conversation-table';
import { FilterBar, type FilterOptions } from './filter-bar';
import { StatusTabs } from './status-tabs';
import type { Taker } from './assign-to-me-button';
import { ShortcutsButton, ShortcutsDialog } from './shortcuts-dialog';
import { useInboxShortcuts } from './use-inbox-shortcuts';
import { useRowCommands } from './use-row-commands';
import { useRowSelection } from './use-row-selection';
import { useBulkSelection } from './use-bulk-selection';
import { BulkBar } from './bulk-bar';
import { SEARCH_IDS_CAP } from '@/lib/domain/conversations/search-sql';

/** The inbox list: filters live in the URL (the server renders the first page), the rows in the query cache. */
export function InboxView({
  filters,
  initial,
  options,
  me,
  role,
  views,
}: {
  filters: InboxFilters;
  initial: InboxList;
  options: FilterOptions;
  me: Taker;
  role: Role;
  views: SavedView[];
}) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  // Controls show the filters asked for at once, and a second change made before the first page
  // arrives builds on the first instead of undoing it.
  const [shown, setShown] = useOptimistic(filters);
  const { data, isFetching, error } = useConversationList(filters, initial);
  const hintId = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  // The shortcuts listen only once the script runs; until then the hint button says so by being off.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const selection = useRowSelection(
    data.items.map((c) => c.id),
    inboxHref(filters),
  );
  const bulk = useBulkSelection(
    data.items.map((c) => c.id),
    inboxHref(filters),
  );
  const commands = useRowCommands(me.id);
  const selectedIndex = data.items.findIndex((c) => c.id === selection.selected);
  const selectedRow = selectedIndex === -1 ? null : data.items[selectedIndex];

  useInboxShortcuts({
    next: () => selection.move(1),
    previous: () => selection.move(-1),
    open: () => {
      if (!selectedRow) return false;
      router.push(`/inbox/${selectedRow.id}`);
    },
    assign: () => {
      if (!selectedRow) return false;
      void commands.assignToMe(selectedRow);
    },
    route: () => {
      if (!selectedRow) return false;
      void commands.sendToRouting(selectedRow);
    },
    search: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    help: () => setHelpOpen(true),
  });

  const effective = effectiveFilters(shown, role);
  const change = (patch: Partial<InboxFilters>) => {
    // A default chosen explicitly leaves the address as the default view's.
    const next = withoutDefaults({ ...shown, ...patch, page: 0 }, role);
    startTransition(() => {
      setShown(next);
      router.replace(inboxHref(next), { scroll: false });
    });
  };

  const busy = navigating || isFetching;
  return (
    <div className="space-y-4">
      <SavedViews initial={views} filters={shown} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <StatusTabs filters={shown} status={effective.status} counts={data.counts} snoozed={data.snoozed} counted={data.counted} />
        <ShortcutsButton disabled={!ready} onClick={() => setHelpOpen(true)} />
      </div>
      <FilterBar filters={shown} effective={effective} options={options} onChange={change} searchRef={searchRef} />
      {!data.counted && (
        <p className="text-sm text-slate-600" data-testid="search-uncounted">
          More than {SEARCH_IDS_CAP.toLocaleString('en')} conversations match these words, so they are not counted. Add a word or a filter to narrow the search.
        </p>
      )}
      <p id={hintId} className="sr-only">
        Press j or k to move between conversations, Enter to open one, a to assign it to yourself, r to send it back to routing. Press question mark for all
        shortcuts.
      </p>
      <p aria-live="polite" className="sr-only" data-testid="selection-status">
        {selectedRow ? `Selected ${selectedIndex + 1} of ${data.items.length}: ${selectedRow.topic || 'No topic'}` : ''}
      </p>
      <p role="status" className={commands.notice?.tone === 'done' ? 'rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800' : 'sr-only'}>
        {commands.notice?.tone === 'done' ? commands.notice.text : ''}
      </p>
      {commands.notice?.tone === 'refused' && (
        <p key={commands.notice.at} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {commands.notice.text}
        </p>
      )}
      <p aria-live="polite" className="sr-only">
        {navigating ? 'Loading conversations…' : ''}
      </p>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          Could not refresh the list: {error.message} It shows what was loaded before.
        </p>
      )}
      <BulkBar selection={bulk} options={options} meId={me.id} />
      <div aria-busy={busy} className={navigating ? 'opacity-60 transition-opacity' : undefined}>
        <ConversationTable
          items={data.items}
          now={data.now}
          filtered={hasNarrowingFilters(filters) || (!!filters.status && filters.status !== 'all') || !!filters.snoozed}
          me={me}
          selection={selection}
          bulk={bulk}
          describedBy={hintId}
          sort={effective.sort}
          onSort={(sort) => change({ sort })}
          terms={searchTerms(filters.q)}
        />
        {data.totalItems > 0 && (
          <Pagination
            page={data.page}
            limit={data.limit}
            totalItems={data.totalItems}
            counted={data.counted}
            basePath="/inbox"
            params={Object.fromEntries(inboxSearchParams({ ...filters, page: 0 }))}
          />
        )}
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
