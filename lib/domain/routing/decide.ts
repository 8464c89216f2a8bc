import type { Sql } from '../../db/sql';
import type { Priority } from '../../generated/prisma/enums';
import type { RoutingContext } from './compile';
import { compileRoutes, firstMatch, type CompiledRoute, type RouteRule } from './match';

/**
 * SPEC §3's decision, in one place: the first enabled route whose expression holds sets the queue
 * and, when it has one, the priority; no match sends the conversation to the default queue, or
 * leaves it without one. The reason for the timeline names the queue; the caller reads its name
 * when it writes (the cached route list may predate a rename), hence prefix / queue name / suffix.
 */
export type RouteDecision = {
  queueId: string | null;
  priority: Priority | null;
  routeId: string | null;
  reasonPrefix: string;
  /** The reason continues with the current name of `queueId`. */
  reasonNamesQueue: boolean;
  reasonSuffix: string;
};

export function decideRoute(compiled: CompiledRoute[], defaultQueue: { id: string; name: string } | null, ctx: RoutingContext): RouteDecision {
  const match = firstMatch(compiled, ctx);
  if (match) {
    return {
      queueId: match.queueId,
      priority: (match.priority as Priority | null) ?? null,
      routeId: match.id,
      reasonPrefix: `routed by rule ${match.name} to `,
      reasonNamesQueue: true,
      reasonSuffix: match.priority ? ` (priority ${match.priority})` : '',
    };
  }
  return {
    queueId: defaultQueue?.id ?? null,
    priority: null,
    routeId: null,
    reasonPrefix: defaultQueue ? `no route matched: default queue ${defaultQueue.name}` : 'no route matched',
    reasonNamesQueue: false,
    reasonSuffix: '',
  };
}

/** The whole reason, once the queue's current name is known. */
export function decisionReason(d: RouteDecision, queueName: string | null | undefined): string {
  return `${d.reasonPrefix}${d.reasonNamesQueue ? (queueName ?? '') : ''}${d.reasonSuffix}`;
}

// Compiled route lists by the id of their saved version row: a saved version never changes and its
// id is unique (across databases too), and the current one is read from the database every time,
// so this cache cannot be stale; it only saves loading and compiling again. A database whose routes
// were never saved as a version (no row) is read every time.
const compiledByVersion = new Map<string, CompiledRoute[]>();

export async function compiledForVersion(versionId: string | null, load: () => Promise<RouteRule[]>): Promise<CompiledRoute[]> {
  const hit = versionId && compiledByVersion.get(versionId);
  if (hit) return hit;
  const compiled = compileRoutes(await load());
  if (versionId) {
    if (compiledByVersion.size > 20) compiledByVersion.clear();
    compiledByVersion.set(versionId, compiled);
  }
  return compiled;
}

/** The saved route list for a version id read in the same transaction, over raw SQL. */
export function routesForVersion(sql: Sql, versionId: string | null): Promise<CompiledRoute[]> {
  return compiledForVersion(versionId, () =>
    sql.query<RouteRule>('SELECT id, name, enabled, expression, "queueId", priority::text AS priority FROM "Route" ORDER BY position'),
  );
}
