import type { NextRequest } from 'next/server';
import { db, type Db } from '../db';
import type { Actor } from '../access/actor';
import { authenticateApiKey } from '../auth/api-keys';
import { apiError, errorResponse } from './errors';
import { isStorableText, UNSTORABLE_MESSAGE } from './request';

export type ApiContext = { db: Db; actor: Extract<Actor, { kind: 'apiKey' }>; params: Record<string, string>; url: URL };

type RouteCtx = { params: Promise<Record<string, string | string[]>> };

/**
 * Every /ccaas/1 route handler goes through here: authenticate the key (401), run the handler,
 * and turn any refusal into the reference's error envelope. Role checks happen in the domain.
 */
export function apiRoute(fn: (req: NextRequest, ctx: ApiContext) => Promise<Response>) {
  return async (req: NextRequest, route: RouteCtx): Promise<Response> => {
    try {
      const database = db();
      const actor = await authenticateApiKey(database, req.headers.get('authorization'));
      if (!actor) {
        return apiError('UNAUTHORIZED', 'Missing, unknown or revoked API key. Send Authorization: App <key>.', undefined, { 'WWW-Authenticate': 'App' });
      }
      const raw = (await route.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
      const url = new URL(req.url);
      // A NUL in an id or filter would reach PostgreSQL and fail there as a 500.
      const bad = [...Object.entries(params), ...url.searchParams].find(([, v]) => !isStorableText(v));
      if (bad) return apiError('BAD_REQUEST', 'Request is invalid.', { [bad[0] || '(query)']: [UNSTORABLE_MESSAGE] });
      return await fn(req, { db: database, actor, params, url });
    } catch (e) {
      return errorResponse(e);
    }
  };
}
