'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { restoreRoutingOp, saveRoutingOp, simulateSampleOp, whatIfOp } from '../operations/routing';
import { routeEditorOp } from '../operations/console';
import { loadRouteEditor } from '../domain/routing/editor';

// Queue cards count the routes pointing at each queue, so both pages go stale on a save.
const ROUTE_PAGES = ['/routes', '/queues'];

/** Replaces the whole list, in order, if nobody saved since `baseVersion`; answers with the editor's data. */
export async function saveRoutesAction(input: InputOf<typeof saveRoutingOp>) {
  return act(saveRoutingOp, input, { revalidate: ROUTE_PAGES, shape: (list, _, { db, actor }) => loadRouteEditor(db, actor, list) });
}

export async function restoreVersionAction(input: InputOf<typeof restoreRoutingOp>) {
  return act(restoreRoutingOp, input, { revalidate: ROUTE_PAGES, shape: (list, _, { db, actor }) => loadRouteEditor(db, actor, list) });
}

/** The saved list as it is now, for "Reload" after a conflict. */
export async function reloadRoutesAction() {
  return act(routeEditorOp, {});
}

/** Runs a typed sample against the draft (unsaved order included), or the saved list without one. Changes nothing. */
export async function simulateAction(input: InputOf<typeof simulateSampleOp>) {
  return act(simulateSampleOp, input);
}

/** Where the last conversations would go with the draft, against the saved list. Changes nothing. */
export async function whatIfAction(input: InputOf<typeof whatIfOp>) {
  return act(whatIfOp, input);
}
