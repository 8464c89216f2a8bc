import Link from 'next/link';
import type { ConversationRow } from '@/lib/domain/conversations/inbox-list';
import { age, CHANNEL_LABEL } from '@/lib/format';
import { AvailabilityDot, PriorityBadge, StatusBadge, TagBadge } from '@/components/ui/badges';
import { AssignToMeButton, mayTake, type Taker } from './assign-to-me-button';
import { ROW_ATTRIBUTE } from './use-inbox-shortcuts';
import { RowCheckbox, SelectAllCheckbox } from './bulk-checkboxes';
import type { BulkSelection } from './use-bulk-selection';
import { SnoozedBadge } from '@/components/snooze/snoozed-badge';
import type { InboxSort } from '@/lib/query/inbox-filters';
import { SortHeader } from './sort-header';
import { Highlighted } from './highlighted';
import { snippet } from './highlight';

type Selection = {
  selected: string | null;
  select: (id: string) => void;
  containerProps: React.HTMLAttributes<HTMLTableSectionElement> & { ref: React.Ref<HTMLTableSectionElement> };
};

/**
 * The conversation list. One row is selected (highlighted, aria-selected) and is the list's tab
 * stop; focusing anything in a row (Tab, a click) selects it, and the inbox's shortcuts act on it.
 */
export function ConversationTable({
  items,
  now,
  filtered,
  me,
  selection,
  bulk,
  describedBy,
  sort,
  onSort,
  terms = [],
}: {
  items: ConversationRow[];
  now: string;
  filtered: boolean;
  me: Taker;
  selection: Selection;
  /** The checked rows for bulk actions (a checkbox column when given). */
  bulk?: BulkSelection;
  describedBy?: string;
  sort: InboxSort;
  onSort: (sort: InboxSort) => void;
  /** The search's words, marked where they were found. */
  terms?: string[];
}) {
  if (items.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">
        {filtered ? 'No conversations match these filters.' : 'No conversations here.'}
      </p>
    );
  }
  const at = new Date(now);
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="table-cards table-cards-flow min-w-full divide-y divide-slate-200 text-sm" aria-label="Conversations" aria-describedby={describedBy}>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {bulk && (
              <th scope="col" className="w-10 py-2.5 pl-4">
                <span className="sr-only">Select</span>
                <SelectAllCheckbox selection={bulk} />
              </th>
            )}
            <th scope="col" className="px-4 py-2.5">Conversation</th>
            <th scope="col" className="px-3 py-2.5">Status</th>
            <SortHeader column="priority" sort={sort} onSort={onSort} className="px-3 py-2.5" />
            <th scope="col" className="px-3 py-2.5">Queue</th>
            <th scope="col" className="px-3 py-2.5">Agent</th>
            <th scope="col" className="px-3 py-2.5">Tags</th>
            <SortHeader column="waitingSince" sort={sort} onSort={onSort} className="px-3 py-2.5 text-right" />
            <SortHeader column="lastInboundAt" sort={sort} onSort={onSort} className="px-3 py-2.5 text-right" />
            <SortHeader column="createdAt" sort={sort} onSort={onSort} className="px-4 py-2.5 text-right" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100" {...selection.containerProps}>
          {items.map((c, i) => {
            const selected = c.id === selection.selected;
            // Without a selection the first row is the tab stop, so Tab can reach the list.
            const tabStop = selection.selected === null ? i === 0 : selected;
            return (
              <tr
                key={c.id}
                {...{ [ROW_ATTRIBUTE]: c.id }}
                tabIndex={tabStop ? 0 : -1}
                aria-selected={selected}
                onFocus={() => selection.select(c.id)}
                // The outline is drawn inside the row: the scrolling wrapper would clip one outside it.
                className={`outline-offset-[-2px] ${selected ? 'bg-brand-50 shadow-[inset_3px_0_0_#1f5ad6]' : 'hover:bg-slate-50'}`}
                data-testid="conversation-row"
              >
                {bulk && (
                  <td className="py-2.5 pl-4">
                    <RowCheckbox selection={bulk} id={c.id} topic={c.topic} />
                  </td>
                )}
                <td className="max-w-[15rem] px-4 py-2.5 max-md:max-w-none max-md:basis-full 2xl:max-w-xs">
                  <Link
                    href={`/inbox/${c.id}`}
                    className={`flex items-center gap-1.5 text-slate-900 hover:text-brand-700 hover:underline ${c.unread ? 'font-semibold' : 'font-medium'}`}
                  >
                    {c.unread && (
                      <span data-testid="unread-dot" className="h-2 w-2 shrink-0 rounded-full bg-brand-600" title="Unread">
                        <span className="sr-only">Unread: </span>
                      </span>
                    )}
                    <span className="truncate">{c.topic ? <Highlighted text={c.topic} terms={terms} /> : 'No topic'}</span>
                  </Link>
                  <p className="truncate text-xs text-slate-600">
                    <Highlighted text={c.customer?.name ?? c.customer?.email ?? 'Unknown customer'} terms={terms} />
                    {c.inbox ? ` · ${c.inbox.name}` : ''}
                    {c.channel !== 'NO_CHANNEL' ? ` · ${CHANNEL_LABEL[c.channel]}` : ''}
                  </p>
                  {c.matchedMessage && (
                    <p className="mt-0.5 line-clamp-2 text-xs text-slate-700" data-testid="matched-message">
                      <span className="sr-only">Message: </span>
                      <Highlighted text={snippet(c.matchedMessage, terms)} terms={terms} />
                    </p>
                  )}
                </td>
                <td className="px-3 py-2.5">
                  <StatusBadge status={c.status} />
                  {c.snoozedUntil && (
                    <div>
                      <SnoozedBadge until={c.snoozedUntil} />
                    </div>
                  )}
                </td>
                <td className="px-3 py-2.5">
                  <PriorityBadge priority={c.priority} />
                </td>
                <td className="whitespace-nowrap px-3 py-2.5 text-slate-700">{c.queue?.name ?? <span className="text-slate-600">—</span>}</td>
                <td className="whitespace-nowrap px-3 py-2.5 text-slate-700">
                  {c.agent ? (
                    <span className="inline-flex items-center gap-1.5">
                      <AvailabilityDot availability={c.agent.availability} />
                      {c.agent.name}
                    </span>
                  ) : mayTake(me, c) ? (
                    <AssignToMeButton conversationId={c.id} userId={me.id} />
                  ) : (
                    <span className="text-slate-600">Unassigned</span>
                  )}
                </td>
                <td className="px-3 py-2.5">
                  <div className="flex max-w-[10rem] flex-wrap gap-1">
                    {c.tags.map((t) => (
                      <TagBadge key={t} name={t} />
                    ))}
                  </div>
                </td>
                <td className="whitespace-nowrap px-3 py-2.5 text-right text-slate-600" data-testid="waiting-since" data-label="Waiting">
                  <Since at={c.waitingSince} now={at} none="Answered" />
                </td>
                <td className="whitespace-nowrap px-3 py-2.5 text-right text-slate-600" data-label="Customer wrote">
                  <Since at={c.lastInboundAt} now={at} none="—" />
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-right text-slate-600" data-label="Created">
                  <time dateTime={c.createdAt} title={new Date(c.createdAt).toUTCString()}>
                    {age(new Date(c.createdAt), at)}
                  </time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** How long ago, as a <time>; `none` when there is no such moment. */
function Since({ at, now, none }: { at: string | null; now: Date; none: string }) {
  if (!at) return <span className="text-slate-600">{none}</span>;
  return (
    <time dateTime={at} title={new Date(at).toUTCString()}>
      {age(new Date(at), now)}
    </time>
  );
}
