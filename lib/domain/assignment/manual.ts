import type { Db, Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { DomainError } from '../errors';
import { recordTimeline } from '../timeline';
import { lockVisibleConversation } from '../conversations/access';
import { getConversation, loadConversation, type ConversationDetail } from '../conversations/get';
import { manualPool } from './pool';
import { unitOfWork } from '../../db/unit-of-work';
import { drainAfterChange } from './drain-after';

/** The "Assigned Agent" dropdown's options (SPEC §4): who may take this conversation, with availability, open count and capacity (it warns at capacity). */
export async function assignableAgents(db: Tx, actor: Actor, { conversationId }: { conversationId: string }) {
  const c = await getConversation(db, actor, { conversationId });
  // "Ana — Away — disconnected · 3 open": a silent console shows in the label (SPEC §4).
  return (await manualPool(db, c.inboxId, c.queueId, { withLoad: true })).map(({ disconnectedAt, ...u }) => ({ ...u, disconnected: disconnectedAt !== null }));
}

/** Refuses an agent outside the manual pool, in words that say why. */
export async function assertAssignable(tx: Tx, conversation: { inboxId: string | null; queueId: string | null }, agentId: string): Promise<void> {
  const pool = await manualPool(tx, conversation.inboxId, conversation.queueId);
  if (pool.some((u) => u.id === agentId)) return;
  throw notAssignable(await tx.user.findUnique({ where: { id: agentId }, select: { name: true, enabled: true } }));
}

/** Why an agent (null: no such user) outside the manual pool may not take the conversation. */
export function notAssignable(user: { name: string; enabled: boolean } | null): DomainError {
  if (!user) return new DomainError('BAD_REQUEST', 'Agent not found.', { agentId: ['No agent has this id.'] });
  if (!user.enabled) return new DomainError('BAD_REQUEST', `${user.name} is disabled.`, { agentId: ['The agent is disabled.'] });
  return new DomainError('BAD_REQUEST', `${user.name} cannot take this conversation: not a collaborator of its inbox, a member of its queue, or an admin.`, {
    agentId: ['Not eligible for this conversation.'],
  });
}

/**
 * Manual assignment (reference PUT/DELETE …/assignee and the dropdown): `agentId` null unassigns.
 * Under the conversation's row lock, so it serializes with auto-assignment, which only ever takes
 * a conversation that is still unassigned: a manual choice is never undone by it.
 */
export async function assignConversation(db: Db, actor: Actor, { conversationId, agentId }: { conversationId: string; agentId: string | null }): Promise<ConversationDetail> {
  const freed = await unitOfWork(db, async (tx) => {
    const c = await lockVisibleConversation(tx, actor, conversationId, { forChange: true });
    if (c.agentId === agentId) return null;
    if (agentId) await assertAssignable(tx, c, agentId);
    const now = new Date();
    await tx.conversation.update({ where: { id: c.id }, data: { agentId, assignedAt: agentId ? now : null, updatedAt: now } });
    await recordTimeline(tx, c.id, actor, [{ kind: 'ASSIGNEE_CHANGED', before: { agentId: c.agentId }, after: { agentId } }]);
    // Moved to someone else, the former agent can take a waiting one. Unassigned by hand, it waits
    // itself (the next drain may hand it out), so its own unassigning triggers none.
    return agentId && c.status !== 'SOLVED' ? c.agentId : null;
  });
  if (freed) await drainAfterChange(db, { agentId: freed });
  return loadConversation(db, conversationId);
}
