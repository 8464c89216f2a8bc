import type { Tx } from '../../db';
import type { Actor } from '../../auth/actor';
import { applyRouting } from '../routing/route-conversation';
import { afterConversationRouted } from '../routing/hooks';

/**
 * Runs inside the creating transaction, after the conversation, its customer, tags and first
 * message exist: the routes decide its queue (unless the creator named one), then the
 * auto-assignment seam (SPEC §4) follows.
 */
export async function afterConversationCreated(tx: Tx, conversationId: string, actor: Actor, opts: { queueGiven: boolean }): Promise<void> {
  if (!opts.queueGiven) await applyRouting(tx, actor, conversationId);
  await afterConversationRouted(tx, conversationId, actor);
}
