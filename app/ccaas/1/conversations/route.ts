import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { queryObject, readJson } from '@/lib/http/request';
import { pagination } from '@/lib/http/format';
import { apiConversation } from '@/lib/http/mappers';
import { idempotentRequest, replayIdempotent } from '@/lib/http/idempotency';
import { listConversations } from '@/lib/domain/conversations/list';
import { createConversationRecord } from '@/lib/domain/conversations/create';
import { conversationListQuerySchema } from '@/lib/validation/conversations';
import { parseOrThrow } from '@/lib/domain/errors';

export const GET = apiRoute(async (_req, { db, actor, url }) => {
  const page = await listConversations(db, actor, parseOrThrow(conversationListQuerySchema, queryObject(url)));
  return NextResponse.json({ conversations: page.items.map(apiConversation), pagination: pagination(page) });
});

// The Idempotency-Key is claimed inside the creating transaction, and the answer is built from what
// that transaction wrote: no read after the commit.
export const POST = apiRoute(async (req, ctx) => {
  const body = await readJson(req);
  const claim = idempotentRequest(req, ctx, body);
  if (claim instanceof Response) return claim;
  const result = await createConversationRecord(ctx.db, ctx.actor, body, { idempotency: claim ? { ...claim, response: apiConversation } : undefined });
  if ('replay' in result) return replayIdempotent(ctx, claim!);
  return NextResponse.json(apiConversation(result.created));
});
