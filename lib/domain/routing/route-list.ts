import type { Db, Tx } from '../../db';
import { isUniqueViolation } from '../../db/sql';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor } from '../../access/actor';
import { routeListSchema, type RestoreRouteVersionInput, type RouteListInput, type SaveRouteListInput } from '../../validation/routing';
import { DomainError, parseOrThrow } from '../errors';
import { parseExpression } from './expression';
import { unitOfWork } from '../../db/unit-of-work';
import { emit, eventActor } from '../../realtime/outbox';
import { currentVersion, loadRouteList, type SavedRoute } from './saved-routes';
import { planRouteSave } from './save-plan';
import { audit } from '../audit';

export type RouteList = { version: number; routes: SavedRoute[] };

/** What the audit log calls a save: a save, the DELETE /routing that empties the list, or a restore. */
type RouteListChange = { action: 'save' | 'delete' | 'restore'; fromVersion?: number };

/** The ordered route list and the version it is at (0 before anything was ever saved). */
export async function getRouteList(db: Tx, _actor: Actor): Promise<RouteList> {
  const [version, routes] = await Promise.all([currentVersion(db), loadRouteList(db)]);
  return { version, routes };
}

/**
 * A save or restore made from a version that is no longer the current one, mapped once: the
 * console quotes the version to reload to (`fields.version`), the API also sends it as the ETag.
 */
export class StaleVersionError extends DomainError {
  constructor(readonly currentVersion: number) {
    super('CONFLICT', `Someone saved a newer version (version ${currentVersion}). Reload to see it.`, { version: [String(currentVersion)] });
    this.name = 'StaleVersionError';
  }
}

/**
 * Replaces the whole route list, in order, atomically (SPEC §3). `baseVersion` is the version the
 * caller edited; saving inserts version base+1, so of two saves from one version the second
 * collides on the unique key and is refused with the current version. Every expression and queue
 * is checked first; faults name the route (`[2].expression`) and the node (`$and[1].$in`).
 * Routes keep their ids across saves when sent back with them (save-plan.ts).
 */
export async function saveRouteList(db: Db, actor: Actor, input: SaveRouteListInput, how: RouteListChange = { action: 'save' }): Promise<RouteList> {
  const { routes, baseVersion } = input;
  await validateRoutes(db, routes);
  try {
    return await unitOfWork(db, async (tx) => {
      const current = await currentVersion(tx);
      if (baseVersion !== null && baseVersion !== current) throw new StaleVersionError(current);
      const version = current + 1;
      const previous = await loadRouteList(tx);
      const plan = planRouteSave(previous, routes);
      // Inserted before the routes change: of two concurrent saves the loser stops here.
      await tx.routeListVersion.create({
        data: {
          version,
          routes: plan.routes as Prisma.InputJsonArray,
          savedById: actor.kind === 'user' ? actor.id : null,
          savedByApiKeyId: actor.kind === 'apiKey' ? actor.id : null,
        },
      });
      if (plan.remove.length) await tx.route.deleteMany({ where: { id: { in: plan.remove } } });
      if (plan.write.length) {
        await tx.route.createMany({ data: plan.write.map((r) => ({ ...r, expression: r.expression as Prisma.InputJsonValue })) });
      }
      // The version itself is the route list's history; the entry says who changed it, from where, in short.
      await audit(tx, actor, {
        entity: 'ROUTES',
        entityId: 'routes',
        entityName: 'Route list',
        action: how.action,
        before: { version: current, routes: previous.map((r) => r.name) },
        after: { version, routes: routes.map((r) => r.name), ...(how.fromVersion !== undefined && { restoredFrom: how.fromVersion }) },
      });
      emit(tx, { type: 'routes', version, savedBy: { ...eventActor(actor), name: actor.name } });
      return { version, routes: await loadRouteList(tx) };
    });
  } catch (e) {
    // Two saves from the same version at the same moment: the loser meets the unique version.
    if (isUniqueViolation(e)) throw new StaleVersionError(await currentVersion(db));
    throw e;
  }
}

/**
 * DELETE /routing: the list becomes empty, saved as a new version like any save (the history
 * keeps what it was; `baseVersion` as for a save). What no route takes goes to the default queue.
 */
export async function deleteRouteList(db: Db, actor: Actor, input: Pick<SaveRouteListInput, 'baseVersion'>): Promise<RouteList> {
  return saveRouteList(db, actor, { routes: [], baseVersion: input.baseVersion }, { action: 'delete' });
}

async function validateRoutes(db: Tx, routes: RouteListInput): Promise<void> {
  const fields: Record<string, string[]> = {};
  routes.forEach((r, i) => {
    const parsed = parseExpression(r.expression);
    if (!parsed.ok) fields[`[${i}].expression`] = parsed.faults.map((f) => (f.at ? `${f.at}: ${f.message}` : f.message));
  });
  const ids = [...new Set(routes.map((r) => r.queueId))];
  const found = new Set((await db.queue.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((q) => q.id));
  routes.forEach((r, i) => {
    if (!found.has(r.queueId)) fields[`[${i}].queueId`] = ['No queue has this id.'];
  });
  if (Object.keys(fields).length) throw new DomainError('BAD_REQUEST', 'Some routes are invalid; nothing was saved.', fields);
}

export async function listRouteVersions(db: Tx, _actor: Actor) {
  const rows = await db.routeListVersion.findMany({
    orderBy: { version: 'desc' },
    take: 100,
    include: { savedBy: { select: { name: true } }, savedByApiKey: { select: { name: true } } },
  });
  return rows.map((v) => ({
    version: v.version,
    savedAt: v.savedAt,
    savedBy: v.savedBy?.name ?? (v.savedByApiKey ? `API key ${v.savedByApiKey.name}` : 'System'),
    routeCount: Array.isArray(v.routes) ? v.routes.length : 0,
  }));
}

/**
 * Saves an old version's list as the newest version (its queues must still exist). Snapshots
 * record route ids, so a route of that version still in the list keeps its id; one deleted since
 * comes back under a new id. Snapshots saved before ids were recorded restore with new ids.
 */
export async function restoreRouteVersion(db: Db, actor: Actor, input: RestoreRouteVersionInput): Promise<RouteList> {
  const old = await db.routeListVersion.findUnique({ where: { version: input.version } });
  if (!old) throw new DomainError('NOT_FOUND', `There is no version ${input.version}.`);
  return saveRouteList(db, actor, { routes: snapshotRoutes(old.routes), baseVersion: input.baseVersion }, { action: 'restore', fromVersion: input.version });
}

/**
 * A stored snapshot read as a route list, with the schema saves use (`position` is its order).
 * Stored data, not the caller's input: a snapshot today's schema refuses (an older, looser one
 * wrote it) is answered as a bad request naming the fields, as before.
 */
function snapshotRoutes(json: Prisma.JsonValue): RouteListInput {
  const entries = (Array.isArray(json) ? json : []).map((entry) => {
    const { position: _position, ...route } = entry as Record<string, unknown>;
    return route;
  });
  return parseOrThrow(routeListSchema, entries);
}
