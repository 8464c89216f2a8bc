import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { autoAssign } from '../assignment/auto-assign';

/** After routing (on create and on "route"), auto-assignment by round robin (SPEC §4), in the same transaction. */
export async function afterConversationRouted(tx: Tx, conversationId: string, actor: Actor): Promise<void> {
  await autoAssign(tx, actor, conversationId);
}
