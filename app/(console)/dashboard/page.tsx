import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { getDashboard } from '@/lib/domain/dashboard';
import { PageHeader } from '@/components/console/page-header';
import { DashboardView } from '@/components/dashboard/dashboard-view';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const actor = await requirePageActor('dashboard.view');
  const initial = await getDashboard(db(), actor);
  return (
    <>
      <PageHeader title="Dashboard" description="Queues, agents and the last 24 hours, kept up to date." />
      <main className="px-4 py-6 md:px-8">
        <DashboardView initial={initial} />
      </main>
    </>
  );
}
