'use client';

import { useMemo } from 'react';
import { addChild, mapNode, removeNode, toExpression } from '@/lib/domain/routing/builder';
import type { FaultMap } from '@/lib/domain/routing/builder-faults';
import type { TraceNode } from '@/lib/domain/routing/explain';
import { secondaryButton } from '@/components/ui/controls';
import { ConditionGroup, type BuilderContext } from './condition-group';
import type { ExprState } from './draft';
import { tracesByNode } from './traces';

type Props = {
  idBase: string;
  expr: ExprState;
  onChange: (expr: ExprState) => void;
  faults: FaultMap;
  trace: TraceNode | null;
  tagNames: readonly string[];
};

const jsonBox = 'overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100';

/** The condition builder with the JSON it writes beside it, or, for JSON it would rewrite, that JSON read-only. */
export function ConditionBuilder({ idBase, expr, onChange, faults, trace, tagNames }: Props) {
  const root = expr.mode === 'builder' ? expr.root : null;
  const traces = useMemo(() => (root ? tracesByNode(root, trace) : null), [root, trace]);
  const whole = faults.get('');

  if (expr.mode === 'raw') {
    return (
      <div className="space-y-2">
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="raw-expression-note">
          {expr.convertible
            ? 'This expression was written outside the builder in a form the builder would rewrite. It is shown as JSON and saved unchanged.'
            : 'The builder cannot show this expression. It is shown as JSON and saved unchanged.'}
          {trace && ` Simulation: ${trace.result ? 'holds ✓' : 'does not hold ✗'}.`}
        </p>
        <pre className={jsonBox} role="region" aria-label="Expression JSON (read-only)" tabIndex={0}>
          {JSON.stringify(expr.json, null, 2)}
        </pre>
        {whole && <Faults id={`${idBase}-faults`} faults={whole} />}
        {expr.convertible && (
          <button type="button" className={secondaryButton} onClick={() => onChange({ mode: 'builder', root: expr.convertible! })}>
            Edit in the builder (rewrites the JSON in an equivalent form)
          </button>
        )}
      </div>
    );
  }

  const ctx: BuilderContext = {
    idBase,
    faults,
    traces,
    tagNames,
    update: (id, fn) => onChange({ mode: 'builder', root: mapNode(expr.root, id, fn) }),
    remove: (id) => onChange({ mode: 'builder', root: removeNode(expr.root, id) }),
    add: (groupId, child) => onChange({ mode: 'builder', root: addChild(expr.root, groupId, child) }),
  };
  return (
    <div className="grid gap-3 2xl:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="min-w-0">
        <ConditionGroup node={expr.root} ctx={ctx} label="Conditions" root />
        {whole && <Faults id={`${idBase}-faults`} faults={whole} />}
      </div>
      <div className="min-w-0">
        <p className="mb-1 text-xs font-medium text-slate-500" id={`${idBase}-json`}>
          Expression JSON (read-only)
        </p>
        <pre className={`${jsonBox} max-h-72`} role="region" aria-labelledby={`${idBase}-json`} tabIndex={0} data-testid="expression-json">
          {JSON.stringify(toExpression(expr.root), null, 2)}
        </pre>
      </div>
    </div>
  );
}

function Faults({ id, faults }: { id: string; faults: string[] }) {
  return (
    <ul id={id} className="mt-1 text-xs text-red-700" data-testid="condition-fault">
      {faults.map((f) => (
        <li key={f}>{f}</li>
      ))}
    </ul>
  );
}
