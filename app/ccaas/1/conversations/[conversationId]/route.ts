import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { readJson } from '@/lib/http/request';
import { apiConversation } from '@/lib/http/mappers';
import { getConversation } from '@/lib/domain/conversations/get';
import { updateConversation } from '@/lib/domain/conversations/update';

export const GET = apiRoute(async (_req, { db, actor, params }) =>
  NextResponse.json(apiConversation(await getConversation(db, actor, params.conversationId))),
);

export const PUT = apiRoute(async (req, { db, actor, params }) =>
  NextResponse.json(apiConversation(await updateConversation(db, actor, params.conversationId, await readJson(req), 'put'))),
);

export const PATCH = apiRoute(async (req, { db, actor, params }) =>
  NextResponse.json(apiConversation(await updateConversation(db, actor, params.conversationId, await readJson(req), 'patch'))),
);
