import { NextResponse } from 'next/server';
import { z } from 'zod';
import { apiRoute } from '@/lib/http/handler';
import { readJson } from '@/lib/http/request';
import { addQueueMember } from '@/lib/domain/queue-admin';
import { parseOrThrow } from '@/lib/domain/errors';
import { idSchema } from '@/lib/validation/common';

export const POST = apiRoute(async (req, { db, actor, params }) => {
  const { queueId } = parseOrThrow(z.object({ queueId: idSchema }), await readJson(req));
  await addQueueMember(db, actor, params.agentId, queueId);
  return NextResponse.json({ statusCode: 'SUCCESS', message: 'Agent added to the queue.' });
});
