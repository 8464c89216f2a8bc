import type { Tx } from '../../db';
import type { Sql } from '../../db/sql';
import { compileRoutes, type CompiledRoute, type RouteRule } from './match';
import type { StoredRoute } from './save-plan';

// The saved route list, read in one place. Everything that shows, simulates or routes with the
// saved list reads it through `loadRouteList` (or its compiled, cached form); the one exception is
// the create hot path, which runs on the raw driver connection (`routesForVersion`) and cannot call
// Prisma inside its transaction. routing.test.ts checks that the two read the same rules.

/** A saved route as the editor and the API read it: the stored columns, their times and the queue's name. */
export type SavedRoute = StoredRoute & { createdAt: Date; updatedAt: Date; queue: { name: string } };

/** The saved routes, in order, with their queue's current name. */
export function loadRouteList(db: Tx): Promise<SavedRoute[]> {
  return db.route.findMany({ orderBy: { position: 'asc' }, include: { queue: { select: { name: true } } } });
}

/** The version the saved list is at (0 before anything was ever saved). */
export async function currentVersion(db: Tx): Promise<number> {
  const agg = await db.routeListVersion.aggregate({ _max: { version: true } });
  return agg._max.version ?? 0;
}

/** Where what no route takes goes; null when no queue is marked default. */
export function loadDefaultQueue(db: Tx): Promise<{ id: string; name: string } | null> {
  return db.queue.findFirst({ where: { isDefault: true }, select: { id: true, name: true } });
}

// Compiled route lists by the id of their saved version row: a saved version never changes and its
// id is unique (across databases too), and the current one is read from the database every time,
// so this cache cannot be stale; it only saves loading and compiling again. A database whose routes
// were never saved as a version (no row) is read every time.
const compiledByVersion = new Map<string, CompiledRoute[]>();

async function compiledForVersion(versionId: string | null, load: () => Promise<RouteRule[]>): Promise<CompiledRoute[]> {
  const hit = versionId && compiledByVersion.get(versionId);
  if (hit) return hit;
  const compiled = compileRoutes(await load());
  if (versionId) {
    if (compiledByVersion.size > 20) compiledByVersion.clear();
    compiledByVersion.set(versionId, compiled);
  }
  return compiled;
}

/** The saved list, compiled once per saved version. */
export async function compiledRouteList(db: Tx): Promise<CompiledRoute[]> {
  const latest = await db.routeListVersion.findFirst({ orderBy: { version: 'desc' }, select: { id: true } });
  return compiledForVersion(latest?.id ?? null, () => loadRouteList(db));
}

/**
 * The create hot path's twin of `compiledRouteList`: the version id was read by the caller in the
 * same raw transaction, and on a cache miss the rules are read there too (one statement, only
 * once per saved version and process).
 */
export function routesForVersion(sql: Sql, versionId: string | null): Promise<CompiledRoute[]> {
  return compiledForVersion(versionId, () =>
    sql.query<RouteRule>('SELECT id, name, enabled, expression, "queueId", priority::text AS priority, "routeOnlyDuringWorkingHours" FROM "Route" ORDER BY position'),
  );
}
