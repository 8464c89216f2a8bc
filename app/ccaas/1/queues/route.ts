import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { queryObject, readJson } from '@/lib/http/request';
import { apiQueue } from '@/lib/http/mappers';
import { createQueue, listQueues } from '@/lib/domain/queue-admin';
import { createQueueSchema, queueListQuerySchema } from '@/lib/validation/routing';
import { parseOrThrow } from '@/lib/domain/errors';
import { assertCan } from '@/lib/access/actor';

export const GET = apiRoute(async (_req, { db, actor, url }) => {
  assertCan(actor, 'conversations.work');
  const q = parseOrThrow(queueListQuerySchema, queryObject(url));
  const page = await listQueues(db, actor, q);
  return NextResponse.json({ queues: page.queues.map(apiQueue), pagination: { totalItems: page.totalItems, page: q.page, limit: q.limit, orderBy: q.orderBy } });
});

export const POST = apiRoute(async (req, { db, actor }) => {
  assertCan(actor, 'queues.manage');
  return NextResponse.json(apiQueue(await createQueue(db, actor, parseOrThrow(createQueueSchema, await readJson(req)))));
});
