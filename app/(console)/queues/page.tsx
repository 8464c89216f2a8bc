import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { listQueueOverview } from '@/lib/domain/queues';
import { age } from '@/lib/format';
import { PageHeader } from '@/components/console/page-header';
import { AvailabilityDot } from '@/components/ui/badges';

export const metadata: Metadata = { title: 'Queues' };

export default async function QueuesPage() {
  const actor = await requirePageActor('queues.view');
  const queues = await listQueueOverview(db(), actor);
  const now = new Date();
  return (
    <>
      <PageHeader title="Queues" description="Where routes send conversations, who works them, and what is waiting." />
      <main className="grid gap-4 px-8 py-6 md:grid-cols-2 xl:grid-cols-3">
        {queues.map((q) => (
          <section key={q.id} aria-labelledby={`q-${q.id}`} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="queue-card">
            <div className="flex items-start justify-between gap-2">
              <h2 id={`q-${q.id}`} className="font-semibold text-slate-900">
                {q.name}
              </h2>
              {q.isDefault && <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Default</span>}
            </div>
            <dl className="mt-4 grid grid-cols-3 gap-2 text-center">
              <Stat label="Open" value={String(q.open)} />
              <Stat label="Unassigned" value={String(q.unassigned)} />
              <Stat label="Oldest waiting" value={q.oldestWaitingSince ? age(q.oldestWaitingSince, now) : '—'} />
            </dl>
            <div className="mt-4">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Members</h3>
              {q.members.length ? (
                <ul className="mt-2 flex flex-wrap gap-2">
                  {q.members.map((m) => (
                    <li key={m.id} className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1 text-xs text-slate-700">
                      <AvailabilityDot availability={m.availability} />
                      {m.name}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-2 text-sm text-slate-500">No members.</p>
              )}
            </div>
            <p className="mt-4 text-xs text-slate-500">
              {q.routeCount === 0 ? 'No route points here.' : q.routeCount === 1 ? '1 route points here.' : `${q.routeCount} routes point here.`}
            </p>
          </section>
        ))}
      </main>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-2 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}
