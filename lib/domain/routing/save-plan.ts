import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Priority } from '../../generated/prisma/enums';
import type { RouteListInput } from '../../validation/routing';

/** A route as stored: the Route row's columns, and one entry of a version's `routes` snapshot. */
export type StoredRoute = {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  expression: unknown;
  queueId: string;
  priority: Priority | null;
  routeOnlyDuringWorkingHours: boolean;
};

export type RouteSavePlan = {
  /** The new list, in order, each with the id it is saved under (also the version snapshot). */
  routes: StoredRoute[];
  /** Rows to delete: routes left out of the new list, and kept routes that changed (rewritten below). */
  remove: string[];
  /** Rows to insert: new routes, and kept routes that changed, under their old id and creation time. */
  write: (StoredRoute & { createdAt?: Date })[];
};

/**
 * Stable route ids (issue 11): the timeline's `ROUTED.after.routeId` and the API's `ruleIds` must
 * still name a route after later saves. A route keeps its id when the incoming one carries the id
 * of a route in the current list (the editor and API clients send back the ids they read); one
 * without an id, with an unknown id, or repeating an id already taken earlier in the list gets a
 * new id. Current routes the list leaves out are deleted.
 *
 * A kept route that changed (position included) is deleted and inserted again under its id rather
 * than updated: `position` is unique and not deferrable, so updating positions one by one would
 * collide mid-way, and one delete plus one insert is two statements whatever the list's length.
 * Nothing references a Route row by key (the timeline keeps the id as JSON), so this is safe.
 * Unchanged routes are not touched, so their `updatedAt` stays.
 */
export function planRouteSave(current: (StoredRoute & { createdAt: Date })[], incoming: RouteListInput, newId: () => string = randomUUID): RouteSavePlan {
  const byId = new Map(current.map((r) => [r.id, r]));
  const taken = new Set<string>();
  const remove: string[] = [];
  const write: RouteSavePlan['write'] = [];
  const routes = incoming.map((r, position): StoredRoute => {
    const old = r.id !== undefined && !taken.has(r.id) ? byId.get(r.id) : undefined;
    const route: StoredRoute = {
      id: old?.id ?? newId(),
      position,
      name: r.name,
      enabled: r.enabled,
      expression: r.expression,
      queueId: r.queueId,
      priority: r.priority ?? null,
      routeOnlyDuringWorkingHours: r.routeOnlyDuringWorkingHours ?? false,
    };
    taken.add(route.id);
    if (!old) write.push(route);
    else if (!sameRoute(old, route)) {
      remove.push(old.id);
      write.push({ ...route, createdAt: old.createdAt });
    }
    return route;
  });
  for (const r of current) if (!taken.has(r.id)) remove.push(r.id);
  return { routes, remove, write };
}

// isDeepStrictEqual ignores key order, which jsonb does not keep.
function sameRoute(a: StoredRoute, b: StoredRoute): boolean {
  return (
    a.position === b.position &&
    a.name === b.name &&
    a.enabled === b.enabled &&
    a.queueId === b.queueId &&
    a.priority === b.priority &&
    a.routeOnlyDuringWorkingHours === b.routeOnlyDuringWorkingHours &&
    isDeepStrictEqual(a.expression, b.expression)
  );
}
