import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { readJson } from '@/lib/http/request';
import { addQueueMember } from '@/lib/domain/queue-admin';
import { parseOrThrow } from '@/lib/domain/errors';
import { assertCan } from '@/lib/access/actor';
import { queueAssignBodySchema } from '@/lib/validation/queues';

export const POST = apiRoute(async (req, { db, actor, params }) => {
  assertCan(actor, 'queues.manage');
  const { queueId } = parseOrThrow(queueAssignBodySchema, await readJson(req));
  await addQueueMember(db, actor, { agentId: params.agentId, queueId });
  return NextResponse.json({ statusCode: 'SUCCESS', message: 'Agent added to the queue.' });
});
