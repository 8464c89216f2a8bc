import Link from 'next/link';
import type { ConversationRow } from '@/lib/domain/conversations/inbox-list';
import { age, CHANNEL_LABEL } from '@/lib/format';
import { AvailabilityDot, PriorityBadge, StatusBadge, TagBadge } from '@/components/ui/badges';
import { AssignToMeButton, mayTake, type Taker } from './assign-to-me-button';
import { ROW_ATTRIBUTE } from './use-inbox-shortcuts';

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
  describedBy,
}: {
  items: ConversationRow[];
  now: string;
  filtered: boolean;
  me: Taker;
  selection: Selection;
  describedBy?: string;
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
            <th scope="col" className="px-4 py-2.5">Conversation</th>
            <th scope="col" className="px-3 py-2.5">Status</th>
            <th scope="col" className="px-3 py-2.5">Priority</th>
            <th scope="col" className="px-3 py-2.5">Queue</th>
            <th scope="col" className="px-3 py-2.5">Agent</th>
            <th scope="col" className="px-3 py-2.5">Channel</th>
            <th scope="col" className="px-3 py-2.5">Tags</th>
            <th scope="col" className="px-4 py-2.5 text-right">Age</th>
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
                <td className="max-w-md px-4 py-2.5 max-md:max-w-none max-md:basis-full">
                  <Link
                    href={`/inbox/${c.id}`}
                    className={`flex items-center gap-1.5 text-slate-900 hover:text-brand-700 hover:underline ${c.unread ? 'font-semibold' : 'font-medium'}`}
                  >
                    {c.unread && (
                      <span data-testid="unread-dot" className="h-2 w-2 shrink-0 rounded-full bg-brand-600" title="Unread">
                        <span className="sr-only">Unread: </span>
                      </span>
                    )}
                    <span className="truncate">{c.topic || 'No topic'}</span>
                  </Link>
                  <p className="truncate text-xs text-slate-600">
                    {c.customer?.name ?? c.customer?.email ?? 'Unknown customer'}
                    {c.inbox ? ` · ${c.inbox.name}` : ''}
                  </p>
                </td>
                <td className="px-3 py-2.5">
                  <StatusBadge status={c.status} />
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
                <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">{CHANNEL_LABEL[c.channel]}</td>
                <td className="px-3 py-2.5">
                  <div className="flex max-w-[14rem] flex-wrap gap-1">
                    {c.tags.map((t) => (
                      <TagBadge key={t} name={t} />
                    ))}
                  </div>
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-right text-slate-600">
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
