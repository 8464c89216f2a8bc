'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { agentHeartbeatOp } from '../operations/queues-agents';
import { setMyAvailabilityOp } from '../operations/console';
import { getSessionActor } from '../auth/session';

/** Sent by an open console (every 20 s by default); without it the presence sweep shows the agent as away — disconnected. */
export async function heartbeatAction(): Promise<{ ok: boolean }> {
  const me = await getSessionActor().catch(() => null);
  if (!me) return { ok: false };
  return { ok: (await act(agentHeartbeatOp, { agentId: me.id })).ok };
}

/** The console's availability switch: one's own availability (OFFLINE hands open conversations on). */
export async function setMyAvailabilityAction(input: InputOf<typeof setMyAvailabilityOp>) {
  return act(setMyAvailabilityOp, input, { revalidate: [['/', 'layout']], shape: (u) => ({ availability: u.availability }) });
}
