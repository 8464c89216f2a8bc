import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { apiConversation } from '@/lib/http/mappers';
import { routeConversation } from '@/lib/domain/routing/route-conversation';

// The reference answers "route" with a conversation result page holding the routed conversation.
export const POST = apiRoute(async (_req, { db, actor, params }) => {
  const c = await routeConversation(db, actor, { conversationId: params.conversationId });
  return NextResponse.json({ conversations: [apiConversation(c)], pagination: { totalItems: 1, page: 0, limit: 1, orderBy: 'id:asc' } });
});
