import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { getLookups } from '@/lib/domain/lookups';
import { takerScope } from '@/lib/domain/assignment/pool';
import { loadInboxList } from '@/lib/domain/conversations/inbox-list';
import { parseInboxFilters } from '@/lib/query/inbox-filters';
import { listSavedViews } from '@/lib/domain/saved-views';
import { PageHeader } from '@/components/console/page-header';
import { InboxView } from '@/components/inbox/inbox-view';

export const metadata: Metadata = { title: 'Inbox' };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('conversations.work');
  const filters = parseInboxFilters(await searchParams);
  const [list, lookups, me, views] = await Promise.all([
    loadInboxList(db(), actor, filters),
    getLookups(db(), actor),
    takerScope(db(), actor),
    listSavedViews(db(), actor),
  ]);
  const options = {
    queues: lookups.queues,
    inboxes: lookups.inboxes,
    agents: lookups.agents.filter((a) => a.enabled).map(({ id, name }) => ({ id, name })),
    tags: lookups.tags.map((t) => t.name),
  };

  return (
    <>
      <PageHeader title="Inbox" description={
          actor.role === 'AGENT'
            ? 'Yours and the unassigned you may take, unsolved, longest waiting first. A search looks through all you may see.'
            : 'Unsolved conversations, longest waiting first. A search looks through all of them.'
        } />
      <main className="px-4 py-6 md:px-8">
        <InboxView filters={filters} initial={list} options={options} me={me} role={actor.role} views={views} />
      </main>
    </>
  );
}
