'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { HourBucket } from '@/lib/domain/dashboard';
import { ChartCard, Legend } from './chart-card';
import { clockTime, plural, useViewerTimeZone } from './format';

// Brand blue and teal-700: both over 4.5:1 on white, and told apart by more than hue alone (lightness).
export const CREATED_COLOR = '#2f6fed';
export const ASSIGNED_COLOR = '#0f766e';
const AXIS = { fill: '#475569', fontSize: 12 };

function describe(hourly: HourBucket[], timeZone: string | undefined): string {
  const created = hourly.reduce((s, h) => s + h.created, 0);
  const assigned = hourly.reduce((s, h) => s + h.assigned, 0);
  const base = `In the last 24 hours, ${plural(created, 'conversation')} created and ${plural(assigned, 'assignment')} made.`;
  const busiest = hourly.reduce((best, h) => (h.created > best.created ? h : best), hourly[0]);
  return busiest && busiest.created > 0 ? `${base} Busiest hour: ${clockTime(busiest.hour, timeZone)} with ${busiest.created} created.` : base;
}

export function HourlyChart({ hourly }: { hourly: HourBucket[] }) {
  const timeZone = useViewerTimeZone();
  const data = hourly.map((h) => ({ ...h, label: clockTime(h.hour, timeZone) }));
  const summary = describe(hourly, timeZone);
  return (
    <ChartCard
      title="Conversations per hour"
      summary={summary}
      legend={
        <Legend
          items={[
            { label: 'Created', color: CREATED_COLOR },
            { label: 'Assigned', color: ASSIGNED_COLOR },
          ]}
        />
      }
      rows={data}
      rowKey={(r) => r.hour}
      columns={[
        { header: 'Hour', cell: (r) => r.label },
        { header: 'Created', cell: (r) => r.created, numeric: true },
        { header: 'Assigned', cell: (r) => r.assigned, numeric: true },
      ]}
    >
      <BarChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={data}
        margin={{ top: 4, right: 4, bottom: 0, left: -20 }}
        accessibilityLayer={false}
        role="img"
        aria-label={`Conversations created and assigned per hour. ${summary}`}
        title="Conversations per hour"
        desc={summary}
      >
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} interval={2} />
        <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
        <Tooltip cursor={{ fill: '#f1f5f9' }} contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: '#e2e8f0' }} />
        <Bar dataKey="created" name="Created" fill={CREATED_COLOR} radius={[2, 2, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="assigned" name="Assigned" fill={ASSIGNED_COLOR} radius={[2, 2, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}
