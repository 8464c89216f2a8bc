'use server';

import { db } from '../db';
import { requireActor } from '../auth/session';
import { heartbeat } from '../domain/assignment/presence';

/** Sent by an open console every 20 s; without it the presence sweep sets the agent OFFLINE. */
export async function heartbeatAction(): Promise<{ ok: boolean }> {
  try {
    const actor = await requireActor('AGENT');
    await heartbeat(db(), actor, actor.id);
    return { ok: true };
  } catch {
    return { ok: false };
  }
}
