import type { Db } from '../../db';
import { systemActor } from '../../auth/actor';
import { recordTimeline } from '../timeline';
import { claimByRoundRobin } from './claim';

export type ReassignResult = { moved: number; unassigned: number };

/**
 * Trigger: an agent went OFFLINE, signed out, fell silent or was disabled (SPEC §4). Each of their
 * OPEN or WAITING conversations in inboxes with "reassign on offline" on goes round robin to the
 * other ONLINE eligible agents; with nobody ONLINE it becomes unassigned (no fall-back to offline
 * agents, unlike a new conversation). One short transaction per conversation, each re-checking
 * under the conversation's row lock that it is still theirs and still open.
 */
export async function reassignConversationsOf(db: Db, agentId: string, why: string): Promise<ReassignResult> {
  const agent = await db.user.findUnique({ where: { id: agentId }, select: { name: true } });
  if (!agent) return { moved: 0, unassigned: 0 };
  const reason = `reassigned: ${agent.name} ${why}`;
  const actor = systemActor(reason);
  const ids = await db.conversation.findMany({
    where: { agentId, status: { in: ['OPEN', 'WAITING'] }, inbox: { reassignOnOffline: true } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true },
  });
  const result: ReassignResult = { moved: 0, unassigned: 0 };
  for (const { id } of ids) {
    const outcome = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Conversation" WHERE id = ${id} FOR NO KEY UPDATE`;
      const c = await tx.conversation.findUnique({ where: { id }, select: { id: true, agentId: true, status: true, inboxId: true, queueId: true } });
      if (!c || c.agentId !== agentId || !c.inboxId || (c.status !== 'OPEN' && c.status !== 'WAITING')) return 'skip' as const;
      const claimed = await claimByRoundRobin(tx, actor, { id, inboxId: c.inboxId, queueId: c.queueId }, { exclude: [agentId], onlineOnly: true, reason, expectAgentId: agentId });
      if (claimed) return 'moved' as const;
      const now = new Date();
      await tx.conversation.update({ where: { id }, data: { agentId: null, assignedAt: null, updatedAt: now } });
      await recordTimeline(tx, id, actor, [
        { kind: 'ASSIGNEE_CHANGED', before: { agentId }, after: { agentId: null }, reason: `unassigned: ${agent.name} ${why} and nobody else is online` },
      ]);
      return 'unassigned' as const;
    });
    if (outcome === 'moved') result.moved++;
    if (outcome === 'unassigned') result.unassigned++;
  }
  return result;
}
