'use client';

import { useMemo } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { TraceNode } from '@/lib/domain/routing/explain';
import type { Priority } from '@/lib/generated/prisma/enums';
import { PRIORITIES } from '@/lib/validation/conversations';
import { PRIORITY_LABEL } from '@/lib/format';
import { ConditionBuilder } from './condition-builder';
import { ConditionSummary } from './condition-summary';
import type { DraftRoute, RouteFaults } from './draft';
import type { RoutePatch } from './draft-reducer';
import { tracesByNode } from './traces';
import { ROUTE_NAME_MAX } from '@/lib/validation/routing';
import { CharCount } from '@/components/ui/char-count';

export type RouteSim = { winner: boolean; matched: boolean; skipped: 'disabled' | 'invalid' | 'outsideWorkingHours' | null; trace: TraceNode | null };

type Props = {
  route: DraftRoute;
  position: number;
  queues: { id: string; name: string }[];
  expanded: boolean;
  onToggle: () => void;
  onChange: (patch: RoutePatch) => void;
  /** Enabled ⇄ disabled. */
  onSwitch: () => void;
  onDelete: () => void;
  faults?: RouteFaults;
  sim?: RouteSim;
  tagNames: readonly string[];
};

const control =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none aria-[invalid=true]:border-red-400';

/** One route in the ordered list: drag handle, the route's own fields, its conditions (summary or builder). */
export function SortableRoute({ route, position, queues, expanded, onToggle, onChange, onSwitch, onDelete, faults, sim, tagNames }: Props) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: route.key });
  const id = `route-${route.key}`;
  const label = route.name.trim() || `route ${position}`;
  const verdicts = useMemo(() => (sim?.trace && route.expr.mode === 'builder' ? tracesByNode(route.expr.root, sim.trace) : null), [sim, route.expr]);
  const faultCount = (faults ? [faults.name, faults.queueId, faults.priority].filter(Boolean).length : 0) + (faults?.expression.size ?? 0);

  const tone = sim?.winner
    ? 'border-emerald-400 ring-2 ring-emerald-500/60'
    : faultCount
      ? 'border-red-300'
      : route.enabled
        ? 'border-slate-200'
        : 'border-dashed border-slate-300 bg-slate-50';

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      aria-label={label}
      className={`relative rounded-lg border bg-white shadow-sm ${tone} ${isDragging ? 'z-10 shadow-lg' : ''}`}
      data-testid="route-item"
      data-matched={sim?.winner ? 'true' : undefined}
    >
      <div className="flex flex-wrap items-center gap-2 px-3 py-2.5">
        <button
          ref={setActivatorNodeRef}
          type="button"
          {...attributes}
          {...listeners}
          aria-label={`Reorder route ${label}`}
          className="cursor-grab touch-none rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 active:cursor-grabbing"
        >
          <svg width="16" height="16" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
            {[5, 12, 19].flatMap((y) => [9, 15].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.7" />))}
          </svg>
        </button>
        <span className="w-6 text-center text-sm font-semibold tabular-nums text-slate-500" aria-hidden="true">
          {position}
        </span>
        <div className="min-w-32 flex-1">
          <input
            aria-label="Route name"
            className={`${control} w-full font-medium`}
            value={route.name}
            onChange={(e) => onChange({ name: e.target.value })}
            aria-invalid={!!faults?.name || undefined}
            aria-describedby={`${id}-name-count${faults?.name ? ` ${id}-name-fault` : ''}`}
          />
          <CharCount id={`${id}-name-count`} value={route.name} max={ROUTE_NAME_MAX} className="block" />
          {faults?.name && (
            <p id={`${id}-name-fault`} className="mt-0.5 text-xs text-red-700">
              {faults.name}
            </p>
          )}
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={route.enabled}
          title={route.enabled ? 'Enabled: routing uses this route' : 'Disabled: routing skips this route'}
          onClick={onSwitch}
          className="inline-flex items-center gap-1.5 rounded-md px-1 py-1 text-xs font-medium text-slate-600"
        >
          <span className={`relative h-5 w-9 rounded-full transition-colors ${route.enabled ? 'bg-brand-600' : 'bg-slate-300'}`} aria-hidden="true">
            <span className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition-all ${route.enabled ? 'left-4.5' : 'left-0.5'}`} />
          </span>
          Enabled
        </button>
        <label className="flex items-center gap-1 text-xs text-slate-500 max-md:w-full">
          Queue
          <select
            // Wide enough for a long queue name (176 px cut "Returns and refunds – EU" short); the title shows any name whole.
            className={`${control} max-w-full min-w-0 pr-7 sm:max-w-80 max-md:flex-1`}
            title={queues.find((q) => q.id === route.queueId)?.name}
            value={route.queueId}
            onChange={(e) => onChange({ queueId: e.target.value })}
            aria-invalid={!!faults?.queueId || undefined}
          >
            {!queues.some((q) => q.id === route.queueId) && <option value={route.queueId}>(deleted queue)</option>}
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-xs text-slate-500 max-md:w-full">
          Priority
          <select className={`${control} pr-7 max-md:min-w-0 max-md:flex-1`} value={route.priority ?? ''} onChange={(e) => onChange({ priority: (e.target.value || null) as Priority | null })}>
            <option value="">No change</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABEL[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-xs text-slate-500" title="Stored with the route; applying it to routing comes with the assignment policies.">
          <input
            type="checkbox"
            checked={route.routeOnlyDuringWorkingHours}
            onChange={(e) => onChange({ routeOnlyDuringWorkingHours: e.target.checked })}
            className="h-3.5 w-3.5 rounded border-slate-300 text-brand-600"
          />
          Only during working hours
        </label>
        <button
          type="button"
          aria-label={`Delete route ${label}`}
          title="Delete route"
          onClick={onDelete}
          className="rounded-md p-1 text-slate-500 hover:bg-red-50 hover:text-red-700"
        >
          <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" aria-hidden="true">
            <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 002 2h6a2 2 0 002-2l1-12M9 7V4h6v3" />
          </svg>
        </button>
      </div>
      <div className="flex items-center gap-2 border-t border-slate-100 px-3 py-1.5 max-md:flex-wrap">
        <SimBadge sim={sim} />
        {faults?.queueId && <span className="text-xs text-red-700">Queue: {faults.queueId}</span>}
        {!expanded && <ConditionSummary expr={route.expr} verdicts={verdicts} />}
        {!expanded && faultCount > 0 && <span className="text-xs font-medium text-red-700">Open the conditions to fix {faultCount === 1 ? 'a problem' : `${faultCount} problems`}.</span>}
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={`${id}-body`}
          onClick={onToggle}
          className="ml-auto shrink-0 rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
        >
          {expanded ? 'Hide conditions' : 'Edit conditions'}
        </button>
      </div>
      {expanded && (
        <div id={`${id}-body`} className="border-t border-slate-100 px-3 py-3">
          <ConditionBuilder
            idBase={id}
            expr={route.expr}
            onChange={(expr) => onChange({ expr })}
            faults={faults?.expression ?? new Map()}
            trace={sim?.trace ?? null}
            tagNames={tagNames}
          />
        </div>
      )}
    </li>
  );
}

function SimBadge({ sim }: { sim?: RouteSim }) {
  if (!sim) return null;
  const [text, tone] = sim.winner
    ? ['Takes the sample', 'bg-emerald-50 text-emerald-700 ring-emerald-600/20']
    : sim.skipped === 'disabled'
      ? ['Off: skipped', 'bg-slate-100 text-slate-600 ring-slate-500/20']
      : sim.skipped === 'invalid'
        ? ['Invalid: skipped', 'bg-red-50 text-red-700 ring-red-600/20']
        : sim.skipped === 'outsideWorkingHours'
          ? ['Outside working hours: skipped', 'bg-amber-50 text-amber-800 ring-amber-600/20']
        : sim.matched
          ? ['Holds, but a route above takes it', 'bg-sky-50 text-sky-700 ring-sky-600/20']
          : ['No match', 'bg-slate-50 text-slate-500 ring-slate-400/20'];
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tone}`} data-testid="sim-badge">
      {text}
    </span>
  );
}
