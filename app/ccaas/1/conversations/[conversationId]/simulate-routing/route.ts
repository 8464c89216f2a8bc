import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { compact } from '@/lib/http/format';
import { simulateConversation } from '@/lib/domain/routing/simulate';

// Reference fields (id, queueId, priority) plus the matching route and the per-condition trace.
export const GET = apiRoute(async (_req, { db, actor, params }) => {
  const s = await simulateConversation(db, actor, { conversationId: params.conversationId });
  return NextResponse.json(
    compact({ id: s.conversationId, queueId: s.queueId, priority: s.priority, routeId: s.matchedRouteId, usedDefaultQueue: s.usedDefaultQueue, routes: s.routes }),
  );
});
