import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { listCollaboratorCandidates, listInboxes } from '@/lib/domain/inboxes';
import { PageHeader } from '@/components/console/page-header';
import { InboxCard } from '@/components/inboxes/inbox-card';
import { LiveRefresh } from '@/components/realtime/live-refresh';

export const metadata: Metadata = { title: 'Inboxes' };

export default async function InboxesPage() {
  const actor = await requirePageActor('inboxes.manage');
  const [inboxes, candidates] = await Promise.all([listInboxes(db(), actor), listCollaboratorCandidates(db(), actor)]);
  return (
    <>
      <PageHeader title="Inboxes" description="Who collaborates on each inbox, whether conversations are assigned automatically, and who is next in turn." />
      <main className="grid gap-4 px-4 py-6 md:px-8 lg:grid-cols-2">
        {inboxes.map((inbox) => (
          <InboxCard key={inbox.id} inbox={inbox} candidates={candidates} />
        ))}
        {inboxes.length === 0 && <p className="text-sm text-slate-500">No inboxes yet.</p>}
      </main>
      {/* Conversations too: each assignment moves who is next in turn. */}
      <LiveRefresh topics={['inboxes', 'agents', 'conversations']} />
    </>
  );
}
