import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { readJson } from '@/lib/http/request';
import { apiQueue } from '@/lib/http/mappers';
import { deleteQueue, listQueues, updateQueue } from '@/lib/domain/queue-admin';
import { notFound } from '@/lib/domain/errors';

export const GET = apiRoute(async (_req, { db, actor, params }) => {
  const { queues } = await listQueues(db, actor, { page: 0, limit: 1, queueIds: [params.queueId] });
  if (!queues[0]) throw notFound('Queue');
  return NextResponse.json(apiQueue(queues[0]));
});

export const PUT = apiRoute(async (req, { db, actor, params }) => NextResponse.json(apiQueue(await updateQueue(db, actor, params.queueId, await readJson(req)))));

export const DELETE = apiRoute(async (_req, { db, actor, params }) => {
  await deleteQueue(db, actor, params.queueId);
  return NextResponse.json({ statusCode: 'SUCCESS', message: 'Queue deleted.' });
});
