import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { removeQueueMember } from '@/lib/domain/queue-admin';

export const DELETE = apiRoute(async (_req, { db, actor, params }) => {
  await removeQueueMember(db, actor, params.agentId, params.queueId);
  return NextResponse.json({ statusCode: 'SUCCESS', message: 'Agent removed from the queue.' });
});
