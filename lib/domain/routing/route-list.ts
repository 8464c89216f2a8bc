import type { Db, Tx } from '../../db';
import { isUniqueViolation } from '../../db/sql';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor } from '../../access/actor';
import { assertCan } from '../../access/actor';
import { routeListSchema, type RouteInput } from '../../validation/routing';
import { DomainError, parseOrThrow } from '../errors';
import { parseExpression } from './expression';
import { unitOfWork } from '../../db/unit-of-work';
import { emit, eventActor } from '../../realtime/outbox';

export type SavedRoute = {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  expression: unknown;
  queueId: string;
  priority: 'URGENT' | 'HIGH' | 'NORMAL' | 'LOW' | null;
  createdAt: Date;
  updatedAt: Date;
  queue: { name: string };
};

export type RouteList = { version: number; routes: SavedRoute[] };

export async function currentVersion(tx: Tx): Promise<number> {
  const agg = await tx.routeListVersion.aggregate({ _max: { version: true } });
  return agg._max.version ?? 0;
}

/** The ordered route list and the version it is at (0 before anything was ever saved). */
export async function getRouteList(db: Tx, actor: Actor): Promise<RouteList> {
  assertCan(actor, 'queues.view');
  const [version, routes] = await Promise.all([
    currentVersion(db),
    db.route.findMany({ orderBy: { position: 'asc' }, include: { queue: { select: { name: true } } } }),
  ]);
  return { version, routes };
}

export class StaleVersionError extends DomainError {
  constructor(readonly currentVersion: number) {
    super('CONFLICT', `Someone saved a newer version of the routes (version ${currentVersion}). Reload to see it, then make your change again.`);
  }
}

/**
 * Replaces the whole route list, in order, atomically (SPEC §3). `baseVersion` is the version the
 * caller edited; saving inserts version base+1, so of two saves from one version the second
 * collides on the unique key and is refused with the current version. Every expression and queue
 * is checked first; faults name the route (`[2].expression`) and the node (`$and[1].$in`).
 */
export async function saveRouteList(db: Db, actor: Actor, input: unknown, baseVersion: number | null): Promise<RouteList> {
  assertCan(actor, 'routes.manage');
  const routes = parseOrThrow(routeListSchema, input);
  await validateRoutes(db, routes);
  try {
    return await unitOfWork(db, async (tx) => {
      const current = await currentVersion(tx);
      if (baseVersion !== null && baseVersion !== current) throw new StaleVersionError(current);
      const version = current + 1;
      const saved = await tx.routeListVersion.create({
        data: {
          version,
          routes: routes.map((r, position) => ({ position, ...snapshot(r) })) as Prisma.InputJsonArray,
          savedById: actor.kind === 'user' ? actor.id : null,
          savedByApiKeyId: actor.kind === 'apiKey' ? actor.id : null,
        },
      });
      await tx.route.deleteMany({});
      await tx.route.createMany({ data: routes.map((r, position) => ({ position, ...snapshot(r) })) });
      emit(tx, { type: 'routes', version, savedBy: { ...eventActor(actor), name: actor.name } });
      return { version: saved.version, routes: await tx.route.findMany({ orderBy: { position: 'asc' }, include: { queue: { select: { name: true } } } }) };
    });
  } catch (e) {
    // Two saves from the same version at the same moment: the loser meets the unique version.
    if (isUniqueViolation(e)) throw new StaleVersionError(await currentVersion(db));
    throw e;
  }
}

function snapshot(r: RouteInput) {
  return { name: r.name, enabled: r.enabled, expression: r.expression as Prisma.InputJsonValue, queueId: r.queueId, priority: r.priority ?? null };
}

async function validateRoutes(db: Tx, routes: RouteInput[]): Promise<void> {
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

export async function listRouteVersions(db: Tx, actor: Actor) {
  assertCan(actor, 'queues.view');
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

/** Saves an old version's list as the newest version (its queues must still exist). */
export async function restoreRouteVersion(db: Db, actor: Actor, version: number, baseVersion: number | null): Promise<RouteList> {
  assertCan(actor, 'routes.manage');
  const old = await db.routeListVersion.findUnique({ where: { version } });
  if (!old) throw new DomainError('NOT_FOUND', `There is no version ${version}.`);
  const routes = (old.routes as Record<string, unknown>[]).map(({ position: _p, ...r }) => r);
  return saveRouteList(db, actor, routes, baseVersion);
}
