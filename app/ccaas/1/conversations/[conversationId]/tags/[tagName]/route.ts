import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { removeConversationTag } from '@/lib/domain/conversations/tags';

export const DELETE = apiRoute(async (_req, { db, actor, params }) => {
  await removeConversationTag(db, actor, params.conversationId, params.tagName);
  return NextResponse.json({ statusCode: 'SUCCESS', message: `Tag ${params.tagName} removed.` });
});
