'use client';

import { newCondition, newGroup, type BuilderGroup, type BuilderNode } from '@/lib/domain/routing/builder';
import type { FaultMap } from '@/lib/domain/routing/builder-faults';
import { ConditionRow } from './condition-row';
import type { NodeVerdicts } from './traces';
import { TraceMark } from './trace-mark';

/** What every level of the builder needs; one object, so the recursion passes one prop. */
export type BuilderContext = {
  idBase: string;
  faults: FaultMap;
  /** Node id → its simulation verdict; null when there is no current simulation. */
  traces: NodeVerdicts | null;
  tagNames: readonly string[];
  update: (id: string, fn: (n: BuilderNode) => BuilderNode) => void;
  remove: (id: string) => void;
  add: (groupId: string, child: BuilderNode) => void;
};

const small =
  'inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50';

/** A group of conditions joined by AND or OR, optionally negated; groups nest. */
export function ConditionGroup({ node, ctx, label, root = false }: { node: BuilderGroup; ctx: BuilderContext; label: string; root?: boolean }) {
  const id = `${ctx.idBase}-${node.id}`;
  const faults = ctx.faults.get(node.id);
  const trace = ctx.traces?.get(node.id);
  const set = (patch: Partial<BuilderGroup>) => ctx.update(node.id, (n) => ({ ...(n as BuilderGroup), ...patch }));
  let conditions = 0;
  let groups = 0;

  return (
    <div
      role="group"
      aria-label={label}
      className={`rounded-lg border ${node.not ? 'border-amber-300 bg-amber-50/40' : 'border-slate-200 bg-slate-50/60'} p-2.5`}
      data-testid="condition-group"
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {trace && <TraceMark result={trace.result} />}
        <label className="inline-flex items-center gap-1.5 font-medium text-slate-700" title="Turn the whole group around: it holds when its conditions do not">
          <input type="checkbox" className="h-4 w-4 rounded border-slate-300 accent-amber-600" checked={node.not} onChange={(e) => set({ not: e.target.checked })} />
          NOT
        </label>
        <label htmlFor={`${id}-op`} className="sr-only">
          Match
        </label>
        <select
          id={`${id}-op`}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 pr-7 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none"
          value={node.op}
          onChange={(e) => set({ op: e.target.value as 'and' | 'or' })}
        >
          <option value="and">all of these hold (AND)</option>
          <option value="or">any of these holds (OR)</option>
        </select>
        {!root && (
          <button type="button" className={`${small} ml-auto text-red-700`} onClick={() => ctx.remove(node.id)} aria-label={`Remove ${label.toLowerCase()}`}>
            Remove group
          </button>
        )}
      </div>
      {faults && (
        <ul id={`${id}-faults`} className="mt-1 text-xs text-red-700" data-testid="condition-fault">
          {faults.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
      <ul className="mt-2 space-y-1.5">
        {node.children.map((child) =>
          child.kind === 'condition' ? (
            <ConditionRow key={child.id} node={child} ctx={ctx} label={`${label === 'Conditions' ? '' : `${label}, `}condition ${++conditions}`.replace(/^c/, 'C')} />
          ) : (
            <li key={child.id}>
              <ConditionGroup node={child} ctx={ctx} label={`${label === 'Conditions' ? '' : `${label}, `}group ${++groups}`.replace(/^g/, 'G')} />
            </li>
          ),
        )}
      </ul>
      <div className="mt-2 flex gap-2">
        <button type="button" className={small} onClick={() => ctx.add(node.id, newCondition())}>
          + Add condition
        </button>
        <button type="button" className={small} onClick={() => ctx.add(node.id, newGroup(node.op === 'and' ? 'or' : 'and'))}>
          + Add group
        </button>
      </div>
    </div>
  );
}
