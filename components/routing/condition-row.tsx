'use client';

import { operatorsFor, splitPath, withOp, withPath, type BuilderCondition } from '@/lib/domain/routing/builder';
import type { Operator } from '@/lib/domain/routing/expression';
import type { BuilderContext } from './condition-group';
import { ValueInput } from './value-input';
import { OPERATOR_LABEL, PATH_GROUPS } from './words';
import { TraceMark } from './trace-mark';

const control =
  'max-w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none aria-[invalid=true]:border-red-400 disabled:bg-slate-100';

/** One condition: attribute, operator, value; a tick or cross after a simulation; its faults underneath. */
export function ConditionRow({ node, ctx, label }: { node: BuilderCondition; ctx: BuilderContext; label: string }) {
  const id = `${ctx.idBase}-${node.id}`;
  const faults = ctx.faults.get(node.id);
  const parts = splitPath(node.path) ?? { choice: node.path, attr: '' };
  const custom = parts.choice.endsWith('.*');
  const scope = parts.choice.slice(0, -2);
  const set = (next: BuilderCondition) => ctx.update(node.id, () => next);
  const trace = ctx.traces?.get(node.id);

  return (
    // The group role sits inside the <li>: on the <li> itself it would hide the list item (axe: list).
    <li>
      <div role="group" aria-label={label} className="rounded-md border border-slate-200 bg-white px-2.5 py-2" data-testid="condition">
        <div className="flex flex-wrap items-center gap-1.5">
          {trace && <TraceMark result={trace.result} actual={trace.actual} />}
          <select
            aria-label="Attribute"
            className={`${control} pr-7`}
            value={parts.choice}
            onChange={(e) => {
              const choice = e.target.value;
              set(withPath(node, choice.endsWith('.*') ? `${choice.slice(0, -2)}.${custom ? parts.attr : ''}` : choice));
            }}
          >
            {PATH_GROUPS.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {custom && (
            <input
              aria-label={scope === 'conversation.metadata' ? 'Metadata key' : `${scope === 'customer' ? 'Customer' : 'Message'} attribute name`}
              className={`${control} w-28`}
              value={parts.attr}
              placeholder="e.g. tier"
              spellCheck={false}
              onChange={(e) => set(withPath(node, `${scope}.${e.target.value.trim()}`))}
              aria-invalid={!!faults || undefined}
            />
          )}
          <select aria-label="Operator" className={`${control} pr-7`} value={node.op} onChange={(e) => set(withOp(node, e.target.value as Operator))}>
            {operatorsFor(node.path).map((op) => (
              <option key={op} value={op}>
                {OPERATOR_LABEL[op]}
              </option>
            ))}
          </select>
          <ValueInput
            condition={node}
            onChange={(value) => set({ ...node, value })}
            idBase={id}
            invalid={!!faults}
            describedBy={faults ? `${id}-faults` : undefined}
            tagNames={ctx.tagNames}
          />
          <button
            type="button"
            aria-label={`Remove ${label.toLowerCase()}`}
            title="Remove condition"
            className="ml-auto rounded-md px-1.5 py-1 text-slate-500 hover:bg-red-50 hover:text-red-700"
            onClick={() => ctx.remove(node.id)}
          >
            <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
        </div>
        {faults && (
          <ul id={`${id}-faults`} className="mt-1 space-y-0.5 text-xs text-red-700" data-testid="condition-fault">
            {faults.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
