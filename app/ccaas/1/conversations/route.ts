import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { queryObject, readJson } from '@/lib/http/request';
import { pagination } from '@/lib/http/format';
import { apiConversation } from '@/lib/http/mappers';
import { withIdempotency } from '@/lib/http/idempotency';
import { listConversations } from '@/lib/domain/conversations/list';
import { createConversation } from '@/lib/domain/conversations/create';
import { conversationListQuerySchema } from '@/lib/validation/conversations';
import { parseOrThrow } from '@/lib/domain/errors';

export const GET = apiRoute(async (_req, { db, actor, url }) => {
  const page = await listConversations(db, actor, parseOrThrow(conversationListQuerySchema, queryObject(url)));
  return NextResponse.json({ conversations: page.items.map(apiConversation), pagination: pagination(page) });
});

export const POST = apiRoute(async (req, ctx) => {
  const body = await readJson(req);
  return withIdempotency(req, ctx, body, async () => NextResponse.json(apiConversation(await createConversation(ctx.db, ctx.actor, body))));
});
