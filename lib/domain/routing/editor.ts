import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { getRouteList, listRouteVersions, type RouteList } from './route-list';
import type { Priority } from '../../generated/prisma/enums';

// The route editor's data as plain, serialisable values: read by the server-rendered page and
// returned again by the actions after a save, restore or reload, so the editor sees one shape.

export type RouteRow = {
  id: string;
  name: string;
  enabled: boolean;
  expression: unknown;
  queueId: string;
  priority: Priority | null;
  /** Kept through the editor so that a save from it does not clear what an API client set. */
  routeOnlyDuringWorkingHours?: boolean;
};
export type VersionRow = { version: number; savedAt: string; savedBy: string; routeCount: number };
export type RouteEditorData = {
  version: number;
  routes: RouteRow[];
  versions: VersionRow[];
  /** When the server read this; history ages are shown relative to it so server and browser render alike. */
  now: string;
};

export function toRouteRows(list: RouteList): RouteRow[] {
  return list.routes.map((r) => ({
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    expression: r.expression,
    queueId: r.queueId,
    priority: r.priority,
    routeOnlyDuringWorkingHours: r.routeOnlyDuringWorkingHours,
  }));
}

/** The list and its history; `list` when the caller has just saved one (saves return it). */
export async function loadRouteEditor(db: Tx, actor: Actor, list?: RouteList): Promise<RouteEditorData> {
  const [current, versions] = await Promise.all([list ?? getRouteList(db, actor), listRouteVersions(db, actor)]);
  return {
    version: current.version,
    routes: toRouteRows(current),
    versions: versions.map((v) => ({ ...v, savedAt: v.savedAt.toISOString() })),
    now: new Date().toISOString(),
  };
}

export type SimulationResult = Awaited<ReturnType<typeof import('./simulate').simulateSample>>;
export type WhatIfResult = Awaited<ReturnType<typeof import('./simulate').whatIf>>;
