import type { Db, Tx } from '../../db';
import { systemActor, type Actor } from '../../access/actor';
import { timelineRows, type TimelineEntry } from '../timeline';
import { claimConversation, lockForAssignment } from './claim';
import { unitOfWork } from '../../db/unit-of-work';
import { noteTimeline } from '../../realtime/outbox';

export type ReassignResult = { moved: number; unassigned: number };

/**
 * Trigger: an agent went OFFLINE, signed out, fell silent or was disabled (SPEC §4). Each of their
 * OPEN or WAITING conversations in inboxes with "reassign on offline" on goes round robin to the
 * other ONLINE eligible agents by the queue's policy; where none can take it (nobody ONLINE, all at
 * capacity) it becomes unassigned and waits (no fall-back to offline agents, unlike a new
 * conversation). One transaction per inbox: it locks the agent's open conversations there (in id
 * order, then the inbox and its capped agents — the same order as every other writer), then claims
 * them one statement each.
 */
export async function reassignConversationsOf(db: Db, agentId: string, why: string): Promise<ReassignResult> {
  const agent = await db.user.findUnique({ where: { id: agentId }, select: { name: true } });
  if (!agent) return { moved: 0, unassigned: 0 };
  const actor = systemActor(`reassigned: ${agent.name} ${why}`);
  // Inboxes where they hold open conversations, and every inbox they collaborate on: a create (or
  // another reassignment) that picked them before they went OFFLINE may not have committed yet,
  // and its conversation is then visible only once that inbox's lock is ours (see reassignInInbox).
  const [held, collaborations] = await Promise.all([
    db.conversation.groupBy({
      by: ['inboxId'],
      where: { agentId, status: { in: ['OPEN', 'WAITING'] }, inboxId: { not: null }, inbox: { reassignOnOffline: true } },
    }),
    db.inboxCollaborator.findMany({ where: { userId: agentId, inbox: { reassignOnOffline: true } }, select: { inboxId: true } }),
  ]);
  const inboxes = [...new Set([...held.map((h) => h.inboxId!), ...collaborations.map((c) => c.inboxId)])].sort();
  const total: ReassignResult = { moved: 0, unassigned: 0 };
  for (const inboxId of inboxes) {
    const r = await unitOfWork(db, (tx) => reassignInInbox(tx, actor, agentId, agent.name, why, inboxId));
    total.moved += r.moved;
    total.unassigned += r.unassigned;
  }
  return total;
}

async function reassignInInbox(tx: Tx, actor: Actor, agentId: string, agentName: string, why: string, inboxId: string): Promise<ReassignResult> {
  const locked = await tx.$queryRaw<Held[]>`
    SELECT id, "queueId", "customerId" FROM "Conversation"
    WHERE "agentId" = ${agentId} AND "inboxId" = ${inboxId} AND status IN ('OPEN', 'WAITING')
    ORDER BY id FOR NO KEY UPDATE`;
  const inbox = await lockForAssignment(tx, inboxId);
  if (!inbox?.reassignOnOffline) return { moved: 0, unassigned: 0 };
  // Read again under the inbox lock, in a new snapshot: whoever assigned them a conversation here
  // held this lock until they committed, so now it is visible. Rows another transaction holds are
  // skipped rather than waited for (that would invert the conversation → inbox lock order): their
  // holder is changing them under the inbox lock we now hold, after the agent went OFFLINE.
  const late = await tx.$queryRaw<Held[]>`
    SELECT id, "queueId", "customerId" FROM "Conversation"
    WHERE "agentId" = ${agentId} AND "inboxId" = ${inboxId} AND status IN ('OPEN', 'WAITING')
    ORDER BY id FOR NO KEY UPDATE SKIP LOCKED`;
  const known = new Set(locked.map((c) => c.id));
  locked.push(...late.filter((c) => !known.has(c.id)));
  if (locked.length === 0) return { moved: 0, unassigned: 0 };

  // One claim statement each, by the queue's policy among the other ONLINE agents (pick-sql.ts):
  // capacity, load and the turn change as they are dealt, and the statement sees each change.
  const now = new Date();
  const left: string[] = [];
  for (const c of locked) {
    const r = await claimConversation(tx, actor, { ...c, inboxId }, { expectAgentId: agentId, onlineOnly: true, exclude: agentId, now });
    if (!r) left.push(c.id);
  }
  if (left.length) {
    await tx.conversation.updateMany({ where: { id: { in: left }, agentId }, data: { agentId: null, assignedAt: null, updatedAt: now } });
    const entry: TimelineEntry = {
      kind: 'ASSIGNEE_CHANGED',
      before: { agentId },
      after: { agentId: null },
      reason: `unassigned: ${agentName} ${why} and nobody else who is online can take it`,
    };
    await tx.timelineEvent.createMany({ data: left.flatMap((id) => timelineRows(id, actor, [entry])) });
    for (const id of left) noteTimeline(tx, id, actor, [entry]);
  }
  return { moved: locked.length - left.length, unassigned: left.length };
}

type Held = { id: string; queueId: string | null; customerId: string | null };
