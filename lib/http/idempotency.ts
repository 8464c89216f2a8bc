import crypto from 'node:crypto';
import { NextResponse } from 'next/server';
import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../db';
import type { Actor } from '../access/actor';
import { apiError } from './errors';
import { isUniqueViolation } from '../db/sql';

const TTL_MS = 24 * 60 * 60 * 1000;
/** An in-flight record older than this was left by a process that died mid-request: a retry takes it over. */
const IN_FLIGHT_EXPIRY_MS = 60_000;
const WAIT_MS = 15_000;
/** 1–255 visible ASCII characters (also documented in lib/http/openapi.ts). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** JSON with every object's keys sorted: the same body with its keys in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What idempotency needs of a request: the key's owner and database, and the URL. */
export type ApiContext = { db: Db; actor: Extract<Actor, { kind: 'apiKey' }>; params: Record<string, string>; url: URL };

export type IdempotentRequest = { apiKeyId: string; key: string; method: string; path: string; requestHash: string };

/** The request's Idempotency-Key, hashed with its method, path and canonical body; null without one; a 400 when malformed. */
export function idempotentRequest(req: Request, ctx: ApiContext, body: unknown): IdempotentRequest | null | Response {
  const key = req.headers.get('idempotency-key');
  if (key === null) return null;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    return apiError('BAD_REQUEST', 'Idempotency-Key must be 1–255 visible ASCII characters.', { 'Idempotency-Key': ['Invalid value.'] });
  }
  const path = ctx.url.pathname;
  const requestHash = crypto.createHash('sha256').update(`${req.method} ${path}\n${canonicalJson(body)}`).digest('hex');
  return { apiKeyId: ctx.actor.id, key, method: req.method, path, requestHash };
}

/**
 * `Idempotency-Key` for POSTs whose work cannot claim the key in its own transaction (creates do:
 * see createConversationRecord): the same key and body within 24 h answers with the first
 * response; the same key with another body is a 409. The unique (apiKeyId, key) row is claimed
 * before any work, so concurrent requests with one key do the work once; a claim left behind by a
 * process that died is taken over by a retry after a minute.
 */
export async function withIdempotency(req: Request, ctx: ApiContext, body: unknown, run: () => Promise<Response>): Promise<Response> {
  const claim = idempotentRequest(req, ctx, body);
  if (claim === null) return run();
  if (claim instanceof Response) return claim;
  const { db, actor } = ctx;
  const { key, requestHash } = claim;
  const now = Date.now();
  await db.idempotencyRecord.deleteMany({
    where: {
      apiKeyId: actor.id,
      key,
      OR: [{ createdAt: { lt: new Date(now - TTL_MS) } }, { statusCode: null, createdAt: { lt: new Date(now - IN_FLIGHT_EXPIRY_MS) } }],
    },
  });

  try {
    // The column holds 500 characters; the full path is in requestHash, so a long id cannot make this fail.
    await db.idempotencyRecord.create({ data: { apiKeyId: actor.id, key, method: req.method, path: claim.path.slice(0, 500), requestHash } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return replayIdempotent(ctx, claim);
  }

  let res: Response;
  try {
    res = await run();
  } catch (e) {
    await db.idempotencyRecord.deleteMany({ where: { apiKeyId: actor.id, key } });
    throw e;
  }
  if (res.status >= 500) {
    // A failure on our side may be retried with the same key.
    await db.idempotencyRecord.deleteMany({ where: { apiKeyId: actor.id, key } });
    return res;
  }
  const responseBody = (await res.clone().json()) as Prisma.InputJsonValue;
  await db.idempotencyRecord.update({ where: { apiKeyId_key: { apiKeyId: actor.id, key } }, data: { statusCode: res.status, responseBody } });
  return res;
}

/** The stored answer for a key already used: the first response, a 409 for another body, or a 409 while it is still running. */
export async function replayIdempotent(ctx: ApiContext, claim: Pick<IdempotentRequest, 'key' | 'requestHash'>): Promise<Response> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const rec = await ctx.db.idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId: ctx.actor.id, key: claim.key } } });
    if (!rec) return apiError('CONFLICT', 'The first request with this Idempotency-Key failed; send it again.');
    if (rec.requestHash !== claim.requestHash) {
      return apiError('CONFLICT', 'This Idempotency-Key was already used with a different request.', { 'Idempotency-Key': ['Used with another body.'] });
    }
    if (rec.statusCode !== null) {
      return NextResponse.json(rec.responseBody, { status: rec.statusCode, headers: { 'Idempotent-Replayed': 'true' } });
    }
    if (Date.now() > deadline) return apiError('CONFLICT', 'A request with this Idempotency-Key is still being processed.');
    await new Promise((r) => setTimeout(r, 50));
  }
}
