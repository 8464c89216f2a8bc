import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { can } from '@/lib/access/roles';
import { db } from '@/lib/db';
import { listMemberCandidates, listQueueOverview } from '@/lib/domain/queues';
import { listWorkingHoursChoices } from '@/lib/domain/working-hours';
import { age } from '@/lib/format';
import { PageHeader } from '@/components/console/page-header';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { CreateQueueForm } from '@/components/queues/create-queue-form';
import { QueueCard } from '@/components/queues/queue-card';

export const metadata: Metadata = { title: 'Queues' };

export default async function QueuesPage() {
  const actor = await requirePageActor('queues.view');
  const canManage = can(actor.role, 'queues.manage');
  const [queues, candidates, hours] = await Promise.all([
    listQueueOverview(db(), actor),
    canManage ? listMemberCandidates(db(), actor) : [],
    can(actor.role, 'workingHours.view') ? listWorkingHoursChoices(db()) : [],
  ]);
  const now = new Date();
  return (
    <>
      <PageHeader title="Queues" description="Where routes send conversations, who works them, and what is waiting." />
      <main className="space-y-6 px-4 py-6 md:px-8">
        {canManage && <CreateQueueForm />}
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {queues.map((q) => (
            <QueueCard
              key={q.id}
              queue={{
                id: q.id,
                name: q.name,
                isDefault: q.isDefault,
                workingHoursId: q.workingHoursId,
                policy: q.policy,
                open: q.open,
                unassigned: q.unassigned,
                oldestWaiting: q.oldestWaitingSince ? age(q.oldestWaitingSince, now) : '—',
                routeCount: q.routeCount,
                members: q.members,
              }}
              candidates={candidates}
              workingHours={hours}
              canManage={canManage}
            />
          ))}
        </div>
        {queues.length === 0 && <p className="text-sm text-slate-500">No queues yet.</p>}
        <LiveRefresh topics={['conversations', 'queues', 'agents']} />
      </main>
    </>
  );
}
