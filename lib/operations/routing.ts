import { deleteRouteList, getRouteList, restoreRouteVersion, saveRouteList, StaleVersionError } from '../domain/routing/route-list';
import { simulateSample, whatIf } from '../domain/routing/simulate';
import { apiRoute } from '../http/mappers';
import { apiRoutingPageSchema, apiRoutingSavedSchema, apiStatusSchema } from '../validation/api-responses';
import { deleteRouteListSchema, restoreRouteVersionSchema, routingListQuerySchema, saveRouteListSchema, simulateSampleSchema, whatIfSchema } from '../validation/routing';
import { answer } from './http-binding';
import { operation } from './operation';

// The route list's version travels as an ETag ("3"); a PUT with If-Match saves only on top of
// that version and otherwise answers 409 with the current one. A PUT without If-Match (clients
// written for the reference API) saves on top of whatever is current.
const etag = (v: number) => `"${v}"`;

const IF_MATCH = {
  name: 'If-Match',
  field: 'baseVersion',
  pattern: '^(W/)?"?\\d{1,9}"?$',
};

export const getRoutingOp = operation({
  name: 'routes.get',
  permission: 'queues.view',
  input: routingListQuerySchema,
  run: async ({ db, actor }, q) => {
    const list = await getRouteList(db, actor);
    const routes = list.routes.filter((r) => (!q.ruleIds?.length || q.ruleIds.includes(r.id)) && (q.enabled === undefined || r.enabled === q.enabled));
    return { version: list.version, routes };
  },
  http: {
    method: 'get', path: '/ccaas/1/routing', operationId: 'get-routing', tag: 'Routing', summary: 'Get the route list',
    description: 'The routes in order, and the version of the list (also the ETag).',
    from: 'query',
    response: { schema: apiRoutingPageSchema, description: 'The route list.' },
    respond: ({ version, routes }) =>
      answer(
        { routes: routes.map(apiRoute), version, pagination: { totalItems: routes.length, page: 0, limit: Math.max(routes.length, 1), orderBy: 'order:asc' } },
        { ETag: etag(version) },
      ),
    errors: [400, 401, 403],
  },
});

export const saveRoutingOp = operation({
  name: 'routes.save',
  permission: 'routes.manage',
  input: saveRouteListSchema,
  payload: 'routes',
  run: ({ db, actor }, input) => saveRouteList(db, actor, input),
  http: {
    method: 'put', path: '/ccaas/1/routing', operationId: 'update-routing', tag: 'Routing', summary: 'Replace the route list',
    description:
      'Saves the whole list, in order, atomically, as a new version. Expressions are checked first; faults name the route and the node. ' +
      'A route sent with the id it was read with keeps that id.',
    from: { body: 'routes' }, bodyId: 'UpdateRoutingApiRequest',
    headers: [
      {
        ...IF_MATCH,
        description: 'The version from GET /ccaas/1/routing (its ETag, e.g. "3"): the save is refused with 409 when someone saved since. Without it, the save replaces whatever is current.',
      },
    ],
    response: { schema: apiRoutingSavedSchema, description: 'The new version.' },
    respond: (list) => answer({ statusCode: 'SUCCESS', message: `Saved ${list.routes.length} routes as version ${list.version}.`, version: list.version }, { ETag: etag(list.version) }),
    errorHeaders: (e) => (e instanceof StaleVersionError ? { ETag: etag(e.currentVersion) } : undefined),
    errors: [400, 401, 403, 409],
  },
});

export const deleteRoutingOp = operation({
  name: 'routes.delete',
  permission: 'routes.manage',
  input: deleteRouteListSchema,
  run: ({ db, actor }, input) => deleteRouteList(db, actor, input),
  http: {
    method: 'delete', path: '/ccaas/1/routing', operationId: 'delete-routing', tag: 'Routing', summary: 'Delete every route',
    description:
      'Empties the route list, saved as a new version (the history keeps the old list, and can restore it). ' +
      'Conversations then go to the default queue. The new version is the ETag.',
    headers: [
      {
        ...IF_MATCH,
        description: 'The version from GET /ccaas/1/routing: refused with 409 when someone saved since. Without it, whatever is current is deleted.',
      },
    ],
    response: { schema: apiStatusSchema, description: 'The route list is empty.' },
    respond: (list) => answer({ statusCode: 'SUCCESS', message: 'Routing deleted successfully.' }, { ETag: etag(list.version) }),
    errorHeaders: (e) => (e instanceof StaleVersionError ? { ETag: etag(e.currentVersion) } : undefined),
    errors: [400, 401, 403, 409],
  },
});

/** Saves an old version's list as the newest version (the history's "Restore"). */
export const restoreRoutingOp = operation({
  name: 'routes.restore',
  permission: 'routes.manage',
  input: restoreRouteVersionSchema,
  run: ({ db, actor }, input) => restoreRouteVersion(db, actor, input),
});

/** The route editor's simulator: a typed sample against the saved list, or an unsaved draft. Changes nothing. */
export const simulateSampleOp = operation({
  name: 'routes.simulate',
  permission: 'queues.view',
  input: simulateSampleSchema,
  payload: ['sample', 'routes'],
  run: ({ db, actor }, input) => simulateSample(db, actor, input),
});

/** Where the last conversations would go with a draft, against the saved list. Changes nothing. */
export const whatIfOp = operation({
  name: 'routes.whatIf',
  permission: 'queues.view',
  input: whatIfSchema,
  payload: 'routes',
  run: ({ db, actor }, input) => whatIf(db, actor, input),
});
