import { NextResponse } from 'next/server';
import { z } from 'zod';
import { apiRoute } from '@/lib/http/handler';
import { readJson } from '@/lib/http/request';
import { apiConversation } from '@/lib/http/mappers';
import { assignConversation } from '@/lib/domain/assignment/manual';
import { parseOrThrow } from '@/lib/domain/errors';
import { idSchema } from '@/lib/validation/common';

export const PUT = apiRoute(async (req, { db, actor, params }) => {
  const { agentId } = parseOrThrow(z.strictObject({ agentId: idSchema }), await readJson(req));
  return NextResponse.json(apiConversation(await assignConversation(db, actor, params.conversationId, agentId)));
});

export const DELETE = apiRoute(async (_req, { db, actor, params }) =>
  NextResponse.json(apiConversation(await assignConversation(db, actor, params.conversationId, null))),
);
