import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { readJson } from '@/lib/http/request';
import { addConversationTag } from '@/lib/domain/conversations/tags';

export const POST = apiRoute(async (req, { db, actor, params }) => {
  const { added, name } = await addConversationTag(db, actor, params.conversationId, await readJson(req));
  return NextResponse.json({ statusCode: 'SUCCESS', message: added ? `Tag ${name} added.` : `The conversation already has tag ${name}.` });
});
