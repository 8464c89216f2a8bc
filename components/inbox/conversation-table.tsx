import Link from 'next/link';
import type { ConversationRow } from '@/lib/actions/conversation-list';
import { age, CHANNEL_LABEL } from '@/lib/format';
import { AvailabilityDot, PriorityBadge, StatusBadge, TagBadge } from '@/components/ui/badges';
import { AssignToMeButton, mayTake, type Taker } from './assign-to-me-button';

export function ConversationTable({ items, now, filtered, me }: { items: ConversationRow[]; now: string; filtered: boolean; me: Taker }) {
  if (items.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-500">
        {filtered ? 'No conversations match these filters.' : 'No conversations here.'}
      </p>
    );
  }
  const at = new Date(now);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Conversations">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
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
        <tbody className="divide-y divide-slate-100">
          {items.map((c) => (
            <tr key={c.id} className="hover:bg-slate-50" data-testid="conversation-row">
              <td className="max-w-md px-4 py-2.5">
                <Link href={`/inbox/${c.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {c.topic || 'No topic'}
                </Link>
                <p className="truncate text-xs text-slate-500">
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
              <td className="whitespace-nowrap px-3 py-2.5 text-slate-700">{c.queue?.name ?? <span className="text-slate-400">—</span>}</td>
              <td className="whitespace-nowrap px-3 py-2.5 text-slate-700">
                {c.agent ? (
                  <span className="inline-flex items-center gap-1.5">
                    <AvailabilityDot availability={c.agent.availability} />
                    {c.agent.name}
                  </span>
                ) : mayTake(me, c) ? (
                  <AssignToMeButton conversationId={c.id} userId={me.id} />
                ) : (
                  <span className="text-slate-400">Unassigned</span>
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
              <td className="whitespace-nowrap px-4 py-2.5 text-right text-slate-500">
                <time dateTime={c.createdAt} title={new Date(c.createdAt).toUTCString()}>
                  {age(new Date(c.createdAt), at)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
