import { getSessionActor } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { invoke } from '@/lib/operations/operation';
import { signalViewerOp } from '@/lib/operations/viewers';
import { toActionError } from '@/lib/actions/result';

export const dynamic = 'force-dynamic';

const STATUS = { BAD_REQUEST: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, INTERNAL: 500 } as const;

/**
 * The collision warning's signal (lib/domain/viewers.ts). A route rather than a server action:
 * Next.js runs a page's actions one after another, so a typing signal would hold up a Send; and a
 * page being closed can still send `left` with `fetch(…, { keepalive: true })`. proxy.ts refuses a
 * POST from another site before it gets here.
 */
export async function POST(request: Request): Promise<Response> {
  const actor = await getSessionActor();
  if (!actor) return Response.json({ error: 'Your session has ended. Sign in again.' }, { status: 401 });
  const body: unknown = await request.json().catch(() => null);
  try {
    await invoke(signalViewerOp, { db: db(), actor }, body);
    return new Response(null, { status: 204 });
  } catch (e) {
    const error = toActionError(e);
    return Response.json({ error: error.message, fields: error.fields }, { status: STATUS[error.code] });
  }
}
