import { compile, type Predicate, type RoutingContext } from './compile';
import { parseExpression } from './expression';
import { explain, type TraceNode } from './explain';

export type RouteRule = {
  id: string;
  name: string;
  enabled: boolean;
  expression: unknown;
  queueId: string;
  priority: string | null;
  /** Matches only while its queue's working hours are open (SPEC §4). */
  routeOnlyDuringWorkingHours?: boolean;
};
export type CompiledRoute<R extends RouteRule = RouteRule> = { route: R; test: Predicate | null };

/** Compiles a route list once; a route whose stored expression no longer parses never matches. */
export function compileRoutes<R extends RouteRule>(routes: R[]): CompiledRoute<R>[] {
  return routes.map((route) => {
    const parsed = parseExpression(route.expression);
    return { route, test: parsed.ok ? compile(parsed.node) : null };
  });
}

/**
 * SPEC §3: enabled routes, top to bottom; the first whose expression holds. A route that matches
 * only during working hours is passed over while its queue is in `closedQueues`.
 */
export function firstMatch<R extends RouteRule>(compiled: CompiledRoute<R>[], ctx: RoutingContext, closedQueues?: ReadonlySet<string>): R | null {
  for (const { route, test } of compiled) {
    if (route.enabled && test && !(route.routeOnlyDuringWorkingHours && closedQueues?.has(route.queueId)) && test(ctx)) return route;
  }
  return null;
}

export type RouteTrace<R extends RouteRule = RouteRule> = { route: R; skipped: 'disabled' | 'invalid' | null; matched: boolean; trace: TraceNode | null };

/**
 * For the simulator: every route's verdict and trace, in order. Which route wins is decided by
 * `decideQueue` (decide.ts), not here; `explain`'s verdict equals the compiled predicate's.
 */
export function traceRoutes<R extends RouteRule>(routes: R[], ctx: RoutingContext): RouteTrace<R>[] {
  return routes.map((route): RouteTrace<R> => {
    const parsed = parseExpression(route.expression);
    if (!parsed.ok) return { route, skipped: 'invalid', matched: false, trace: null };
    const trace = explain(parsed.node, ctx);
    if (!route.enabled) return { route, skipped: 'disabled', matched: false, trace };
    return { route, skipped: null, matched: trace.result, trace };
  });
}
