import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { db } from '../db';
import { originOf, type Actor } from '../access/actor';
import { authenticateApiKey } from '../auth/api-keys';
import { DomainError } from '../domain/errors';
import { apiError, errorResponse } from '../http/errors';
import { isStorableText, queryObject, readJson, UNSTORABLE_MESSAGE } from '../http/request';
import { idempotentRequest, replayIdempotent, withIdempotency, type ApiContext } from '../http/idempotency';
import { invoke, type Operation, type OperationContext } from './operation';
import { isAnswer } from './http-binding';

type RouteCtx = { params: Promise<Record<string, string | string[]>> };
type Handler = (req: NextRequest, route: RouteCtx) => Promise<Response>;

// The document is public; whatever a public operation is handed, it is no one's authority.
const ANONYMOUS: Actor = { kind: 'apiKey', id: 'anonymous', role: 'AGENT', name: 'Anonymous', userId: null };

/**
 * The /ccaas/1 route handler of an operation: authenticate the key (401), put the input together
 * from path, query, body and headers as the binding says, invoke the operation (403, 400, then the
 * domain), and shape the answer. Every refusal leaves in the reference's error envelope.
 */
export function httpRoute<I extends z.ZodType, O>(op: Operation<I, O>): Handler {
  const b = op.http;
  if (!b) throw new Error(`${op.name} has no HTTP binding.`);
  return async (req, route) => {
    try {
      const database = db();
      const key = b.public ? ANONYMOUS : await authenticateApiKey(database, req.headers.get('authorization'));
      if (!key) {
        return apiError('UNAUTHORIZED', 'Missing, unknown or revoked API key. Send Authorization: App <key>.', undefined, { 'WWW-Authenticate': 'App' });
      }
      const actor: Actor = { ...key, origin: originOf(req.headers) };
      const params = pathParams((await route.params) ?? {});
      const url = new URL(req.url);
      // A NUL in an id or filter would reach PostgreSQL and fail there as a 500.
      const bad = [...Object.entries(params), ...url.searchParams].find(([, v]) => !isStorableText(v));
      if (bad && !b.public) return apiError('BAD_REQUEST', 'Request is invalid.', { [bad[0] || '(query)']: [UNSTORABLE_MESSAGE] });

      const body = b.from === 'body' || typeof b.from === 'object' ? await readJson(req) : undefined;
      const raw = rawInput(b.from, params, url, body);
      for (const h of b.headers ?? []) {
        const value = req.headers.get(h.name);
        if (value !== null && isObject(raw)) raw[h.field] = value;
      }
      const ctx: OperationContext = { db: database, actor };
      const apiCtx: ApiContext = { db: database, actor: actor as ApiContext['actor'], params, url };
      const run = async () => respond(b.respond(await invoke(op, ctx, raw)));

      if (b.idempotency === 'around') return await withIdempotency(req, apiCtx, body, run);
      if (b.idempotency === 'in-transaction') {
        const claim = idempotentRequest(req, apiCtx, body);
        if (claim instanceof Response) return claim;
        if (claim) ctx.idempotency = claim;
        const result = await invoke(op, ctx, raw);
        if (claim && isReplay(result)) return await replayIdempotent(apiCtx, claim);
        return respond(b.respond(result));
      }
      return await run();
    } catch (e) {
      const res = errorResponse(renameFields(e, b.headers ?? []));
      for (const [k, v] of Object.entries(b.errorHeaders?.(e) ?? {})) res.headers.set(k, v);
      return res;
    }
  };
}

function pathParams(raw: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The fields the input schema parses; a body that is not an object is handed on as it is, for the schema to refuse. */
function rawInput(from: NonNullable<Operation['http']>['from'], params: Record<string, string>, url: URL, body: unknown): unknown {
  if (from === 'query') return { ...queryObject(url), ...params };
  if (from === 'body') {
    if (!isObject(body)) return body;
    // The path names the resource; a body naming another one is refused rather than silently ignored.
    const clash = Object.keys(params).find((k) => body[k] !== undefined && body[k] !== params[k]);
    if (clash) throw new DomainError('BAD_REQUEST', 'Request is invalid.', { [clash]: ['Does not match the path.'] });
    return { ...body, ...params };
  }
  if (typeof from === 'object') return { [from.body]: body, ...params };
  return { ...params };
}

function isReplay(v: unknown): boolean {
  return isObject(v) && v.replay === true;
}

function respond(shaped: unknown): Response {
  if (isAnswer(shaped)) return NextResponse.json(shaped.body, { headers: shaped.headers });
  return NextResponse.json(shaped);
}

/** A bad header value is reported under the header's name, not the input field it fills. */
function renameFields(e: unknown, headers: { name: string; field: string }[]): unknown {
  if (!(e instanceof DomainError) || !e.fields || !headers.length) return e;
  const names = new Map(headers.map((h) => [h.field, h.name]));
  const fields = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [names.get(k) ?? k, v]));
  return new DomainError(e.code, e.message, fields);
}
