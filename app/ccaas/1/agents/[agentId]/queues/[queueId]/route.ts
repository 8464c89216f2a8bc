import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { removeQueueMember } from '@/lib/domain/queue-admin';
import { assertCan } from '@/lib/access/actor';

export const DELETE = apiRoute(async (_req, { db, actor, params }) => {
  assertCan(actor, 'queues.manage');
  await removeQueueMember(db, actor, { agentId: params.agentId, queueId: params.queueId });
  return NextResponse.json({ statusCode: 'SUCCESS', message: 'Agent removed from the queue.' });
});
