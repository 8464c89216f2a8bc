import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { queryObject, readJson } from '@/lib/http/request';
import { apiRoute as apiRule } from '@/lib/http/mappers';
import { apiError } from '@/lib/http/errors';
import { getRouteList, saveRouteList, StaleVersionError } from '@/lib/domain/routing/route-list';
import { routeListSchema, routingListQuerySchema } from '@/lib/validation/routing';
import { parseOrThrow } from '@/lib/domain/errors';
import { assertCan } from '@/lib/access/actor';

// The route list's version travels as an ETag ("3"); a PUT with If-Match saves only on top of
// that version and otherwise answers 409 with the current one. A PUT without If-Match (clients
// written for the reference API) saves on top of whatever is current.

const etag = (v: number) => `"${v}"`;

// The role checks stand here until the operation registry declares them (the domain no longer checks roles).
export const GET = apiRoute(async (_req, { db, actor, url }) => {
  const q = parseOrThrow(routingListQuerySchema, queryObject(url));
  assertCan(actor, 'queues.view');
  const list = await getRouteList(db, actor);
  const routes = list.routes.filter((r) => (!q.ruleIds?.length || q.ruleIds.includes(r.id)) && (q.enabled === undefined || r.enabled === q.enabled));
  return NextResponse.json(
    { routes: routes.map(apiRule), version: list.version, pagination: { totalItems: routes.length, page: 0, limit: Math.max(routes.length, 1), orderBy: 'order:asc' } },
    { headers: { ETag: etag(list.version) } },
  );
});

export const PUT = apiRoute(async (req, { db, actor }) => {
  const ifMatch = req.headers.get('if-match');
  let base: number | null = null;
  if (ifMatch !== null) {
    const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
    if (!m) return apiError('BAD_REQUEST', 'If-Match must be the route list version from GET /ccaas/1/routing, e.g. "3".', { 'If-Match': ['Invalid value.'] });
    base = Number(m[1]);
  }
  try {
    const body = await readJson(req);
    assertCan(actor, 'routes.manage');
    const list = await saveRouteList(db, actor, { routes: parseOrThrow(routeListSchema, body), baseVersion: base });
    return NextResponse.json({ statusCode: 'SUCCESS', message: `Saved ${list.routes.length} routes as version ${list.version}.`, version: list.version }, { headers: { ETag: etag(list.version) } });
  } catch (e) {
    if (e instanceof StaleVersionError) {
      const res = apiError('CONFLICT', e.message, { 'If-Match': [`Current version is ${e.currentVersion}.`] });
      res.headers.set('ETag', etag(e.currentVersion));
      return res;
    }
    throw e;
  }
});
