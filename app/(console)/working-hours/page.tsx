import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { can } from '@/lib/access/roles';
import { db } from '@/lib/db';
import { listWorkingHours } from '@/lib/domain/working-hours';
import { hoursStatus } from '@/lib/domain/working-hours-status';
import { PageHeader } from '@/components/console/page-header';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { NewWorkingHours } from '@/components/working-hours/new-working-hours';
import { WorkingHoursCard } from '@/components/working-hours/working-hours-card';
import type { WorkingHoursData } from '@/components/working-hours/types';

export const metadata: Metadata = { title: 'Working hours' };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function WorkingHoursPage() {
  const actor = await requirePageActor('workingHours.view');
  const canManage = can(actor.role, 'workingHours.manage');
  const [{ workingHours }, queues] = await Promise.all([
    listWorkingHours(db(), actor, { page: 0, limit: 999, orderBy: 'name:asc' }),
    db().queue.findMany({ where: { workingHoursId: { not: null } }, select: { name: true, workingHoursId: true }, orderBy: { name: 'asc' } }),
  ]);
  // The server's own time zone list: every name in it passes the server's check, and the browser renders what the server did.
  const timeZones = ['Etc/UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC' && z !== 'Etc/UTC')];
  const now = new Date();
  const data: WorkingHoursData[] = workingHours.map((w) => ({
    id: w.id,
    name: w.name,
    timezone: w.timezone,
    message: w.message,
    workWeek: w.workWeek as WorkingHoursData['workWeek'],
    enabled: w.enabled,
    isDefault: w.isDefault,
    closeConversations: w.closeConversations,
    sendAwayMessageEveryOOWHPeriod: w.sendAwayMessageEveryOOWHPeriod,
    holidays: w.holidays.map((h) => ({ id: h.id, name: h.name, startDate: day(h.startDate), endDate: day(h.endDate), enabled: h.enabled })),
    queues: queues.filter((q) => q.workingHoursId === w.id).map((q) => q.name),
    // As of this render; the page refreshes on changes, not on the clock.
    status: hoursStatus(w, now),
  }));
  return (
    <>
      <PageHeader title="Working hours" description="Opening hours and holidays that queues follow, each in its own time zone." />
      <main className="space-y-4 px-4 py-6 md:px-8">
        {canManage && <NewWorkingHours timeZones={timeZones} />}
        {!canManage && <p className="text-sm text-slate-500">Admins change working hours; supervisors pick them for queues on the Queues page.</p>}
        {data.map((w) => (
          <WorkingHoursCard key={w.id} hours={w} canManage={canManage} timeZones={timeZones} />
        ))}
        {data.length === 0 && <p className="text-sm text-slate-500">No working hours yet.</p>}
        <LiveRefresh topics={['queues']} />
      </main>
    </>
  );
}
