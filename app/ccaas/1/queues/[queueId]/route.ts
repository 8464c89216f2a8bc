import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { readJson } from '@/lib/http/request';
import { apiQueue } from '@/lib/http/mappers';
import { deleteQueue, getQueue, updateQueue } from '@/lib/domain/queue-admin';
import { parseOrThrow } from '@/lib/domain/errors';
import { assertCan } from '@/lib/access/actor';
import { updateQueueSchema } from '@/lib/validation/routing';

export const GET = apiRoute(async (_req, { db, actor, params }) => {
  assertCan(actor, 'conversations.work');
  return NextResponse.json(apiQueue(await getQueue(db, actor, { queueId: params.queueId })));
});

export const PUT = apiRoute(async (req, { db, actor, params }) => {
  assertCan(actor, 'queues.manage');
  const changes = parseOrThrow(updateQueueSchema, await readJson(req));
  return NextResponse.json(apiQueue(await updateQueue(db, actor, { ...changes, queueId: params.queueId })));
});

export const DELETE = apiRoute(async (_req, { db, actor, params }) => {
  assertCan(actor, 'queues.manage');
  await deleteQueue(db, actor, { queueId: params.queueId });
  return NextResponse.json({ statusCode: 'SUCCESS', message: 'Queue deleted.' });
});
