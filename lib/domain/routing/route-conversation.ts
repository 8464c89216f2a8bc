import type { Db, Tx } from '../../db';
import type { Actor } from '../../access/actor';
import type { Priority } from '../../generated/prisma/enums';
import { closedConversation } from '../errors';
import { recordTimeline, type TimelineEntry } from '../timeline';
import { lockVisibleConversation } from '../conversations/access';
import { loadConversation, type ConversationDetail } from '../conversations/get';
import { decideQueue, decisionReason } from './decide';
import { compiledRouteList, loadDefaultQueue } from './saved-routes';
import { loadRoutingContexts } from './context';
import { afterConversationRouted } from './hooks';
import { unitOfWork } from '../../db/unit-of-work';
import { drainAfterChange } from '../assignment/drain-after';
import { loadClosedQueues } from '../assignment/hours-sql';
import type { ConversationRef } from '../../validation/conversations';

/**
 * Evaluates the routes for a conversation (already locked by the caller) and moves it: the first
 * matching route sets the queue and, when it has one, the priority; no match sends it to the
 * default queue, or leaves it without a queue. The decision goes to the timeline.
 */
export async function applyRouting(tx: Tx, actor: Actor, { conversationId: id }: { conversationId: string }): Promise<void> {
  const ctx = (await loadRoutingContexts(tx, [id])).get(id);
  const conversation = await tx.conversation.findUniqueOrThrow({ where: { id } });
  if (!ctx) return;
  const closed = await loadClosedQueues(tx, new Date());
  const decision = decideQueue(await compiledRouteList(tx), await loadDefaultQueue(tx), ctx, new Set(closed.map((q) => q.id)));
  const { queueId } = decision;
  const priority: Priority = decision.priority ?? conversation.priority;
  // Read the name now: the cached route list may predate a rename.
  const queueName = decision.reasonNamesQueue && queueId ? (await tx.queue.findUnique({ where: { id: queueId }, select: { name: true } }))?.name : null;

  const now = new Date();
  const { count } = await tx.conversation.updateMany({
    where: { id, status: { not: 'CLOSED' } },
    data: { queueId, priority, queuedAt: queueId !== conversation.queueId ? (queueId ? now : null) : conversation.queuedAt, updatedAt: now },
  });
  if (count !== 1) throw closedConversation();
  const events: TimelineEntry[] = [
    {
      kind: 'ROUTED',
      reason: decisionReason(decision, queueName),
      before: { queueId: conversation.queueId, priority: conversation.priority },
      after: { queueId, priority, routeId: decision.routeId },
    },
  ];
  await recordTimeline(tx, id, actor, events);
}

/**
 * "Route" (SPEC §3): unassigns, evaluates the routes again with the latest inbound message,
 * customer and tags, then hands over to auto-assignment. Refused for CLOSED conversations.
 */
export async function routeConversation(db: Db, actor: Actor, input: ConversationRef): Promise<ConversationDetail> {
  const id = input.conversationId;
  const freed = await unitOfWork(db, async (tx) => {
    const current = await lockVisibleConversation(tx, actor, id, { forChange: true });
    if (current.agentId) {
      await tx.conversation.update({ where: { id }, data: { agentId: null, assignedAt: null } });
      await recordTimeline(tx, id, actor, [
        { kind: 'ASSIGNEE_CHANGED', before: { agentId: current.agentId }, after: { agentId: null }, reason: 'sent back to routing' },
      ]);
    }
    await applyRouting(tx, actor, { conversationId: id });
    await afterConversationRouted(tx, id, actor);
    return current.status !== 'SOLVED' ? current.agentId : null;
  });
  // Sent back to routing, it no longer counts against its former agent's capacity.
  if (freed) await drainAfterChange(db, { agentId: freed });
  return loadConversation(db, id);
}
