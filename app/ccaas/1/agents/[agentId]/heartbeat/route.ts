import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { heartbeat } from '@/lib/domain/assignment/presence';

export const PUT = apiRoute(async (_req, { db, actor, params }) => {
  await heartbeat(db, actor, { agentId: params.agentId });
  return NextResponse.json({ statusCode: 'SUCCESS', message: 'Heartbeat received.' });
});
