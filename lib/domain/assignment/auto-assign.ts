import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { claimByRoundRobin, lockInbox, type ClaimResult } from './claim';

/**
 * Trigger: a conversation was created or routed. When it has no agent, is OPEN or WAITING, and its
 * inbox has auto-assignment on (read under the inbox lock), it goes round robin to the eligible
 * agents: ONLINE first, else all but BUSY (SPEC §4).
 */
export async function autoAssign(tx: Tx, actor: Actor, conversationId: string): Promise<ClaimResult> {
  const c = await tx.conversation.findUnique({ where: { id: conversationId }, select: { id: true, inboxId: true, queueId: true, agentId: true, status: true } });
  if (!c || c.agentId || !c.inboxId || (c.status !== 'OPEN' && c.status !== 'WAITING')) return null;
  const inbox = await lockInbox(tx, c.inboxId);
  if (!inbox?.autoAssign) return null;
  return claimByRoundRobin(tx, actor, { id: c.id, inboxId: c.inboxId, queueId: c.queueId }, { reason: 'round robin' });
}
