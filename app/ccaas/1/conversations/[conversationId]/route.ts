import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { readJson } from '@/lib/http/request';
import { apiConversation } from '@/lib/http/mappers';
import { getConversation } from '@/lib/domain/conversations/get';
import { updateConversationRecord } from '@/lib/domain/conversations/update';

export const GET = apiRoute(async (_req, { db, actor, params }) =>
  NextResponse.json(apiConversation(await getConversation(db, actor, params.conversationId))),
);

// PUT and PATCH answer with what their transaction read and wrote: no read after the commit.
export const PUT = apiRoute(async (req, { db, actor, params }) =>
  NextResponse.json(apiConversation(await updateConversationRecord(db, actor, params.conversationId, await readJson(req), 'put'))),
);

export const PATCH = apiRoute(async (req, { db, actor, params }) =>
  NextResponse.json(apiConversation(await updateConversationRecord(db, actor, params.conversationId, await readJson(req), 'patch'))),
);
