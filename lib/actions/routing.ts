'use server';

import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { db } from '../db';
import { requireActor } from '../auth/session';
import { DomainError, parseOrThrow } from '../domain/errors';
import { restoreRouteVersion, saveRouteList, StaleVersionError } from '../domain/routing/route-list';
import { simulateSample, whatIf } from '../domain/routing/simulate';
import { routeListSchema, routeVersionSchema, sampleSchema, type routeInputSchema } from '../validation/routing';
import { runAction, type ActionResult } from './result';
import { loadRouteEditor, type RouteEditorData, type SimulationResult, type WhatIfResult } from './routing-data';

// Each action checks the session itself: the page's check does not protect what it renders.
// Route lists and samples arrive from the browser as they are and are parsed here, piece by
// piece, so a fault in a route keeps the key the editor reads (`2.name`, not `routes.2.name`).

export type RouteDraftInput = z.input<typeof routeInputSchema>;
export type SampleInput = z.input<typeof sampleSchema>;

const WHAT_IF_CONVERSATIONS = 500;

/** The editor quotes the version it must reload to; the domain's longer sentence is for the API. */
function stale(e: unknown): never {
  if (e instanceof StaleVersionError) {
    throw new DomainError('CONFLICT', `Someone saved a newer version (version ${e.currentVersion}). Reload to see it.`, { version: [String(e.currentVersion)] });
  }
  throw e;
}

function refresh() {
  revalidatePath('/routes');
  // Queue cards count the routes pointing at each queue.
  revalidatePath('/queues');
}

/** Replaces the whole list, in order, if nobody saved since `baseVersion`. */
export async function saveRoutesAction(routes: RouteDraftInput[], baseVersion: number): Promise<ActionResult<RouteEditorData>> {
  return runAction(async () => {
    const actor = await requireActor('routes.manage');
    const input = { routes: parseOrThrow(routeListSchema, routes), baseVersion: parseOrThrow(routeVersionSchema, baseVersion) };
    const saved = await saveRouteList(db(), actor, input).catch(stale);
    refresh();
    return loadRouteEditor(actor, saved);
  });
}

export async function restoreVersionAction(version: number, baseVersion: number): Promise<ActionResult<RouteEditorData>> {
  return runAction(async () => {
    const actor = await requireActor('routes.manage');
    const input = { version: parseOrThrow(routeVersionSchema, version), baseVersion: parseOrThrow(routeVersionSchema, baseVersion) };
    const saved = await restoreRouteVersion(db(), actor, input).catch(stale);
    refresh();
    return loadRouteEditor(actor, saved);
  });
}

/** The saved list as it is now, for "Reload" after a conflict. */
export async function reloadRoutesAction(): Promise<ActionResult<RouteEditorData>> {
  return runAction(async () => loadRouteEditor(await requireActor('queues.view')));
}

/** Runs a typed sample against the draft (unsaved order included), or the saved list without one. Changes nothing. */
export async function simulateAction(sample: SampleInput, draftRoutes?: RouteDraftInput[]): Promise<ActionResult<SimulationResult>> {
  return runAction(async () => {
    const actor = await requireActor('queues.view');
    const input = { sample: parseOrThrow(sampleSchema, sample ?? {}), routes: draftRoutes === undefined ? undefined : parseOrThrow(routeListSchema, draftRoutes) };
    return simulateSample(db(), actor, input);
  });
}

/** Where the last conversations would go with the draft, against the saved list. Changes nothing. */
export async function whatIfAction(draftRoutes: RouteDraftInput[]): Promise<ActionResult<WhatIfResult>> {
  return runAction(async () => {
    const actor = await requireActor('queues.view');
    return whatIf(db(), actor, { routes: parseOrThrow(routeListSchema, draftRoutes), limit: WHAT_IF_CONVERSATIONS });
  });
}
