import { fromExpression, newCondition, newGroup, toExpression, type BuilderGroup } from '@/lib/domain/routing/builder';
import { builderFaults, pinFaults, type FaultMap } from '@/lib/domain/routing/builder-faults';
import type { RouteRow } from '@/lib/domain/routing/editor';
import type { RouteDraftInput } from '@/lib/query/routes';
import type { Priority } from '@/lib/generated/prisma/enums';
import { ROUTE_NAME_MAX } from '@/lib/validation/routing';
import { limitMessage } from '@/components/ui/char-count';

// The editor's working copy of the route list. Saving sends it whole; "unsaved changes" is a
// comparison of what would be sent with what was loaded, so undoing an edit by hand clears it.

/** An expression the builder shows exactly, or one it would rewrite (shown read-only, saved unchanged). */
export type ExprState = { mode: 'builder'; root: BuilderGroup } | { mode: 'raw'; json: unknown; convertible: BuilderGroup | null };

export type DraftRoute = {
  /** Stable through reordering, for drag and drop and React; a saved route's id, or made up for a new one. */
  key: string;
  id?: string;
  name: string;
  enabled: boolean;
  queueId: string;
  priority: Priority | null;
  /** Stored and sent back; what it does belongs to the assignment policies. */
  routeOnlyDuringWorkingHours: boolean;
  expr: ExprState;
};

export function exprState(json: unknown, idPrefix: string): ExprState {
  const read = fromExpression(json, idPrefix);
  return read?.exact ? { mode: 'builder', root: read.root } : { mode: 'raw', json, convertible: read?.root ?? null };
}

export const toDraft = (r: RouteRow): DraftRoute => ({
  key: r.id,
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  queueId: r.queueId,
  priority: r.priority,
  routeOnlyDuringWorkingHours: r.routeOnlyDuringWorkingHours ?? false,
  expr: exprState(r.expression, `${r.id}-`),
});

let fresh = 0;
export function newDraftRoute(queueId: string, position: number): DraftRoute {
  return {
    key: `new-${++fresh}`,
    name: `New route ${position}`,
    enabled: true,
    queueId,
    priority: null,
    routeOnlyDuringWorkingHours: false,
    expr: { mode: 'builder', root: newGroup('and', [newCondition()]) },
  };
}

export const expressionOf = (e: ExprState): unknown => (e.mode === 'builder' ? toExpression(e.root) : e.json);

export const toInput = (d: DraftRoute): RouteDraftInput => ({
  ...(d.id && { id: d.id }),
  name: d.name,
  enabled: d.enabled,
  expression: expressionOf(d.expr),
  queueId: d.queueId,
  priority: d.priority,
  routeOnlyDuringWorkingHours: d.routeOnlyDuringWorkingHours,
});

export const rowInput = (r: RouteRow): RouteDraftInput => toInput(toDraft(r));

/** One key for "the same list": what would be saved, in order. */
export const fingerprint = (inputs: RouteDraftInput[]) => JSON.stringify(inputs);

/** A refusal's faults for one route: by field, and inside the expression by builder node. */
export type RouteFaults = { name?: string; queueId?: string; priority?: string; expression: FaultMap };

/**
 * Sorts a save's refusal by route. The domain writes `[2].expression` with messages that carry
 * the node's position; the schema writes `2.name`. Both are accepted here.
 */
export function faultsByRoute(draft: DraftRoute[], fields: Record<string, string[]> | undefined): Map<string, RouteFaults> {
  const out = new Map<string, RouteFaults>();
  for (const [key, messages] of Object.entries(fields ?? {})) {
    const m = /^\[?(\d+)\]?\.(\w+)/.exec(key);
    const route = m ? draft[Number(m[1])] : undefined;
    if (!route || !m) continue;
    const faults: RouteFaults = out.get(route.key) ?? { expression: new Map() };
    if (m[2] === 'expression') {
      faults.expression = route.expr.mode === 'builder' ? pinFaults(route.expr.root, messages) : new Map([['', messages]]);
    } else if (m[2] === 'name' || m[2] === 'queueId' || m[2] === 'priority') {
      faults[m[2]] = messages[0];
    } else {
      faults.expression.set('', [...(faults.expression.get('') ?? []), ...messages]);
    }
    out.set(route.key, faults);
  }
  return out;
}

/** Faults the editor can see without asking the server, so a save is not sent that must fail. */
export function localFaults(draft: DraftRoute[]): Map<string, RouteFaults> {
  const out = new Map<string, RouteFaults>();
  for (const r of draft) {
    const expression = r.expr.mode === 'builder' ? builderFaults(r.expr.root) : new Map<string, string[]>();
    // Refused here, not cut by the input: the name stays as typed until it fits.
    const name = !r.name.trim() ? 'Give the route a name.' : (limitMessage(r.name.trim(), ROUTE_NAME_MAX) ?? undefined);
    if (expression.size || name) out.set(r.key, { name, expression });
  }
  return out;
}
