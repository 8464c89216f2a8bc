'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../db';
import { requireActor } from '../auth/session';
import { changeAvailability, heartbeat } from '../domain/assignment/presence';
import { parseOrThrow } from '../domain/errors';
import { myAvailabilitySchema } from '../validation/presence';
import { runAction, type ActionResult } from './result';

/** Sent by an open console every 20 s; without it the presence sweep sets the agent OFFLINE. */
export async function heartbeatAction(): Promise<{ ok: boolean }> {
  try {
    const actor = await requireActor('AGENT');
    await heartbeat(db(), actor, { agentId: actor.id });
    return { ok: true };
  } catch {
    return { ok: false };
  }
}

/** The console's availability switch: one's own availability (OFFLINE hands open conversations on). */
export async function setMyAvailabilityAction(value: unknown): Promise<ActionResult<{ availability: string }>> {
  return runAction(async () => {
    const actor = await requireActor('AGENT');
    const { availability } = parseOrThrow(myAvailabilitySchema, { availability: value });
    await changeAvailability(db(), actor, { agentId: actor.id, availability });
    revalidatePath('/', 'layout');
    return { availability };
  });
}
