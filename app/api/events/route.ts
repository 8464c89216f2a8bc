import { getSessionActor } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { bus } from '@/lib/realtime/bus';
import { openEventStream } from '@/lib/realtime/stream';

export const dynamic = 'force-dynamic';

/** The console's live channel: server-sent events about what the signed-in user may see. */
export async function GET(request: Request): Promise<Response> {
  const actor = await getSessionActor();
  if (!actor) return Response.json({ error: 'Your session has ended. Sign in again.' }, { status: 401 });
  const stream = openEventStream({ db: db(), bus: bus(), userId: actor.id, signal: request.signal, sessionVersion: actor.sessionVersion });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: a compressing proxy would hold events back until its buffer fills.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
