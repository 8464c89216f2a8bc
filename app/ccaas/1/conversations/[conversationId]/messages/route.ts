import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { queryObject, readJson } from '@/lib/http/request';
import { pagination } from '@/lib/http/format';
import { apiMessage } from '@/lib/http/mappers';
import { withIdempotency } from '@/lib/http/idempotency';
import { addMessage, listMessages } from '@/lib/domain/conversations/messages';

export const GET = apiRoute(async (_req, { db, actor, params, url }) => {
  const page = await listMessages(db, actor, params.conversationId, queryObject(url));
  return NextResponse.json({ messages: page.messages.map(apiMessage), pagination: pagination(page) });
});

export const POST = apiRoute(async (req, ctx) => {
  const body = await readJson(req);
  return withIdempotency(req, ctx, body, async () => NextResponse.json(apiMessage(await addMessage(ctx.db, ctx.actor, ctx.params.conversationId, body))));
});
