import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { autoAssign } from '../assignment/auto-assign';
import { outOfHoursNotice } from '../assignment/after-hours';

/**
 * After routing (on "route"), in the same transaction: auto-assignment (SPEC §4), then, outside
 * the queue's working hours, the away message or the close (assignment/after-hours.ts).
 */
export async function afterConversationRouted(tx: Tx, conversationId: string, actor: Actor): Promise<void> {
  await autoAssign(tx, actor, conversationId);
  await outOfHoursNotice(tx, conversationId);
}
