'use client';

import { Bar, BarChart, CartesianGrid, Text, Tooltip, XAxis, YAxis, type TextProps } from 'recharts';
import type { DashboardData } from '@/lib/domain/dashboard';
import { ChartCard } from './chart-card';
import { duration, plural } from './format';

// Amber-700: reads as "waiting" and keeps over 4.5:1 on white.
const WAITING_COLOR = '#b45309';
const AXIS = { fill: '#475569', fontSize: 12 };

function describe(buckets: DashboardData['waiting']['buckets']): string {
  const total = buckets.reduce((s, b) => s + b.count, 0);
  if (total === 0) return 'Nobody is waiting: every open conversation has an agent.';
  const parts = buckets.filter((b) => b.count > 0).map((b) => `${b.count} ${b.label.toLowerCase()}`);
  return `${plural(total, 'open conversation')} waiting for an agent: ${parts.join(', ')}.`;
}

/**
 * A bucket's label broken into lines that fit its own slot: on a phone "Under 5 min" and "5–15 min"
 * would otherwise run into each other (recharts wraps only at the whole axis's width).
 */
function SlotTick(props: TextProps & { visibleTicksCount?: number; payload?: { value: string } }) {
  const { visibleTicksCount, payload, width, ...rest } = props;
  const slot = typeof width === 'number' && visibleTicksCount ? width / visibleTicksCount : width;
  return (
    <Text {...rest} width={slot}>
      {payload?.value ?? ''}
    </Text>
  );
}

export function WaitingChart({ waiting }: { waiting: DashboardData['waiting'] }) {
  const summary = describe(waiting.buckets);
  const first = waiting.firstAssignment;
  return (
    <ChartCard
      title="Waiting for an agent"
      summary={summary}
      rows={waiting.buckets}
      rowKey={(r) => r.key}
      columns={[
        { header: 'Waiting', cell: (r) => r.label },
        { header: 'Conversations', cell: (r) => r.count, numeric: true },
      ]}
      footer={
        <p className="mt-3 text-sm text-slate-600" data-testid="first-assignment">
          {first.count === 0 || first.medianSeconds === null || first.averageSeconds === null ? (
            'No conversation was assigned for the first time in the last 24 hours.'
          ) : (
            <>
              First assignments, last 24 h: {plural(first.count, 'conversation')}, {first.onArrival} assigned on arrival.{' '}
              {first.waitedMedianSeconds !== null && first.waitedAverageSeconds !== null && (
                <>
                  The {first.count - first.onArrival} that waited: median <strong className="font-semibold text-slate-900">{duration(first.waitedMedianSeconds)}</strong>, average{' '}
                  <strong className="font-semibold text-slate-900">{duration(first.waitedAverageSeconds)}</strong>.{' '}
                </>
              )}
              All of them: median {duration(first.medianSeconds)}, average {duration(first.averageSeconds)}.
            </>
          )}
        </p>
      }
    >
      <BarChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={waiting.buckets}
        margin={{ top: 4, right: 4, bottom: 0, left: -20 }}
        accessibilityLayer={false}
        role="img"
        aria-label={`Open unassigned conversations by time waiting. ${summary}`}
        title="Waiting for an agent"
        desc={summary}
      >
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={(p: TextProps) => <SlotTick {...p} {...AXIS} />} height={36} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} interval={0} />
        <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
        <Tooltip cursor={{ fill: '#f1f5f9' }} contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: '#e2e8f0' }} />
        <Bar dataKey="count" name="Conversations" fill={WAITING_COLOR} radius={[2, 2, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}
