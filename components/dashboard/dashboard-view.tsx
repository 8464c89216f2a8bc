'use client';

import type { DashboardData } from '@/lib/domain/dashboard';
import { useDashboard } from '@/lib/query/dashboard';
import { Card } from '@/components/ui/controls';
import { AgentTable } from './agent-table';
import { clockTime, duration, useViewerTimeZone } from './format';
import { HourlyChart } from './hourly-chart';
import { QueueTable } from './queue-table';
import { WaitingChart } from './waiting-chart';

/** The supervisor dashboard; live through the ['dashboard'] query (realtime invalidation and a one-minute refetch). */
export function DashboardView({ initial }: { initial: DashboardData }) {
  const { data, error, isFetching } = useDashboard(initial);
  const open = data.queues.reduce((s, q) => s + q.open, 0);
  const unassigned = data.queues.reduce((s, q) => s + q.unassigned, 0);
  const online = data.agents.filter((a) => a.availability === 'ONLINE' && !a.disconnected).length;
  const first = data.waiting.firstAssignment;
  const timeZone = useViewerTimeZone();

  return (
    <div className="space-y-6" aria-busy={isFetching}>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          Could not refresh the figures: {error.message} They show what was loaded before.
        </p>
      )}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {/* The inbox's "Open" tab counts status Open only; this counts Open and Waiting (the open load): the note says so. */}
        <Tile
          label="Open or waiting"
          value={String(open)}
          testId="total-open"
          note={`${data.byStatus.OPEN} open · ${data.byStatus.WAITING} waiting on the customer`}
          noteTestId="total-open-split"
        />
        <Tile label="Unassigned" value={String(unassigned)} testId="total-unassigned" note="Open or waiting, no agent yet" />
        <Tile label="Agents online" value={`${online} of ${data.agents.length}`} testId="agents-online" />
        <Tile
          label="Time to first assignment (24 h)"
          value={first.count === 0 ? '—' : first.waitedMedianSeconds === null ? 'On arrival' : duration(first.waitedMedianSeconds)}
          testId="median-assign"
          note={first.count === 0 ? 'Nobody was assigned' : `${first.onArrival} of ${first.count} on arrival; ${first.waitedMedianSeconds === null ? 'none waited' : 'median of the rest'}`}
          noteTestId="median-assign-note"
        />
      </dl>
      <Card title="Queues">
        <QueueTable queues={data.queues} now={data.now} />
      </Card>
      <div className="grid gap-6 xl:grid-cols-2">
        <HourlyChart hourly={data.hourly} />
        <WaitingChart waiting={data.waiting} />
      </div>
      <Card title="Agents">
        <AgentTable agents={data.agents} now={data.now} />
      </Card>
      <p className="text-xs text-slate-500" data-testid="dashboard-updated">
        Updated at <time dateTime={data.now}>{clockTime(data.now, timeZone)}</time>. “Assigned today” counts from the server’s last midnight (
        <time dateTime={data.since}>{clockTime(data.since, timeZone)}</time> your time).
      </p>
    </div>
  );
}

function Tile({ label, value, testId, note, noteTestId }: { label: string; value: string; testId: string; note?: string; noteTestId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
      {note && (
        <dd className="mt-0.5 text-xs text-slate-500" data-testid={noteTestId}>
          {note}
        </dd>
      )}
    </div>
  );
}
