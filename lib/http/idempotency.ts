import crypto from 'node:crypto';
import { NextResponse } from 'next/server';
import type { Prisma } from '../generated/prisma/client';
import type { ApiContext } from './handler';
import { apiError } from './errors';

const TTL_MS = 24 * 60 * 60 * 1000;
const WAIT_MS = 15_000;
/** 1–255 visible ASCII characters (also documented in lib/http/openapi.ts). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` for POSTs that create: the same key and body within 24 h answers with the
 * first response; the same key with another body is a 409. The unique (apiKeyId, key) row is
 * claimed before any work, so concurrent requests with one key do the work once.
 */
export async function withIdempotency(req: Request, ctx: ApiContext, body: unknown, run: () => Promise<Response>): Promise<Response> {
  const key = req.headers.get('idempotency-key');
  if (key === null) return run();
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    return apiError('BAD_REQUEST', 'Idempotency-Key must be 1–255 visible ASCII characters.', { 'Idempotency-Key': ['Invalid value.'] });
  }
  const { db, actor } = ctx;
  const path = new URL(req.url).pathname;
  const requestHash = crypto.createHash('sha256').update(`${req.method} ${path}\n${JSON.stringify(body)}`).digest('hex');
  await db.idempotencyRecord.deleteMany({ where: { apiKeyId: actor.id, key, createdAt: { lt: new Date(Date.now() - TTL_MS) } } });

  try {
    // The column holds 500 characters; the full path is in requestHash, so a long id cannot make this fail.
    await db.idempotencyRecord.create({ data: { apiKeyId: actor.id, key, method: req.method, path: path.slice(0, 500), requestHash } });
  } catch (e) {
    if ((e as { code?: string }).code !== 'P2002') throw e;
    return replay(ctx, key, requestHash);
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

async function replay(ctx: ApiContext, key: string, requestHash: string): Promise<Response> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const rec = await ctx.db.idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId: ctx.actor.id, key } } });
    if (!rec) return apiError('CONFLICT', 'The first request with this Idempotency-Key failed; send it again.');
    if (rec.requestHash !== requestHash) {
      return apiError('CONFLICT', 'This Idempotency-Key was already used with a different request.', { 'Idempotency-Key': ['Used with another body.'] });
    }
    if (rec.statusCode !== null) {
      return NextResponse.json(rec.responseBody, { status: rec.statusCode, headers: { 'Idempotent-Replayed': 'true' } });
    }
    if (Date.now() > deadline) return apiError('CONFLICT', 'A request with this Idempotency-Key is still being processed.');
    await new Promise((r) => setTimeout(r, 50));
  }
}
