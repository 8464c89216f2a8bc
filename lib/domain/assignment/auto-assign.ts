import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { claimConversation, lockForAssignment, type ClaimResult } from './claim';

/**
 * Trigger: a conversation was routed. When it has no agent, is OPEN or WAITING, and its inbox has
 * auto-assignment on (read under the inbox lock), the queue's policy picks its agent (SPEC §4).
 * The caller holds the conversation's row lock.
 */
export async function autoAssign(tx: Tx, actor: Actor, conversationId: string): Promise<ClaimResult> {
  const c = await tx.conversation.findUnique({ where: { id: conversationId }, select: { id: true, inboxId: true, queueId: true, customerId: true, agentId: true, status: true } });
  if (!c || c.agentId || !c.inboxId || (c.status !== 'OPEN' && c.status !== 'WAITING')) return null;
  const inbox = await lockForAssignment(tx, c.inboxId);
  if (!inbox?.autoAssign) return null;
  return claimConversation(tx, actor, { id: c.id, inboxId: c.inboxId, queueId: c.queueId, customerId: c.customerId });
}
