import type { Db, Tx } from '../../db';
import { systemActor, type Actor } from '../../access/actor';
import { timelineRows, type TimelineEntry } from '../timeline';
import { lockInbox } from './claim';
import { autoPool, type Candidate } from './pool';
import { pickNext } from './selector';
import { unitOfWork } from '../../db/unit-of-work';
import { noteTimeline } from '../../realtime/outbox';

export type ReassignResult = { moved: number; unassigned: number };

/**
 * Trigger: an agent went OFFLINE, signed out, fell silent or was disabled (SPEC §4). Each of their
 * OPEN or WAITING conversations in inboxes with "reassign on offline" on goes round robin to the
 * other ONLINE eligible agents; with nobody ONLINE it becomes unassigned (no fall-back to offline
 * agents, unlike a new conversation). One transaction per inbox: it locks the agent's open
 * conversations there (in id order, then the inbox — the same order as every other writer), deals
 * them out in memory by the stored turn, and writes the result in a few bulk statements.
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
  const locked = await tx.$queryRaw<{ id: string; queueId: string | null }[]>`
    SELECT id, "queueId" FROM "Conversation"
    WHERE "agentId" = ${agentId} AND "inboxId" = ${inboxId} AND status IN ('OPEN', 'WAITING')
    ORDER BY id FOR NO KEY UPDATE`;
  const inbox = await lockInbox(tx, inboxId);
  if (!inbox?.reassignOnOffline) return { moved: 0, unassigned: 0 };
  // Read again under the inbox lock, in a new snapshot: whoever assigned them a conversation here
  // held this lock until they committed, so now it is visible. Rows another transaction holds are
  // skipped rather than waited for (that would invert the conversation → inbox lock order): their
  // holder is changing them under the inbox lock we now hold, after the agent went OFFLINE.
  const late = await tx.$queryRaw<{ id: string; queueId: string | null }[]>`
    SELECT id, "queueId" FROM "Conversation"
    WHERE "agentId" = ${agentId} AND "inboxId" = ${inboxId} AND status IN ('OPEN', 'WAITING')
    ORDER BY id FOR NO KEY UPDATE SKIP LOCKED`;
  const known = new Set(locked.map((c) => c.id));
  locked.push(...late.filter((c) => !known.has(c.id)));
  if (locked.length === 0) return { moved: 0, unassigned: 0 };

  // Candidates per queue, sharing one turn record per agent across the queues of this inbox.
  const turns = new Map<string, number>();
  const pools = new Map<string | null, Candidate[]>();
  for (const queueId of new Set(locked.map((c) => c.queueId))) {
    const pool = await autoPool(tx, inboxId, queueId, [agentId]);
    for (const c of pool) turns.set(c.userId, c.lastTurn);
    pools.set(queueId, pool);
  }
  let turn = inbox.rrTurn;
  const byAgent = new Map<string | null, string[]>();
  for (const c of locked) {
    const pool = pools.get(c.queueId)!.map((p) => ({ ...p, lastTurn: turns.get(p.userId)! }));
    const next = pickNext(pool, { onlineOnly: true });
    if (next) turns.set(next.userId, ++turn);
    const key = next?.userId ?? null;
    byAgent.set(key, [...(byAgent.get(key) ?? []), c.id]);
  }

  const now = new Date();
  const events: ReturnType<typeof timelineRows> = [];
  for (const [to, ids] of byAgent) {
    await tx.conversation.updateMany({ where: { id: { in: ids } }, data: { agentId: to, assignedAt: to ? now : null, updatedAt: now } });
    const entry: TimelineEntry = to
      ? { kind: 'ASSIGNEE_CHANGED', before: { agentId }, after: { agentId: to } }
      : { kind: 'ASSIGNEE_CHANGED', before: { agentId }, after: { agentId: null }, reason: `unassigned: ${agentName} ${why} and nobody else is online` };
    for (const id of ids) {
      events.push(...timelineRows(id, actor, [entry]));
      noteTimeline(tx, id, actor, [entry]);
    }
  }
  await tx.timelineEvent.createMany({ data: events });
  if (turn !== inbox.rrTurn) {
    await tx.inbox.update({ where: { id: inboxId }, data: { rrTurn: turn } });
    for (const [userId, lastTurn] of turns) {
      if (lastTurn > inbox.rrTurn) await tx.inboxCollaborator.update({ where: { inboxId_userId: { inboxId, userId } }, data: { lastTurn } });
    }
  }
  const unassigned = byAgent.get(null)?.length ?? 0;
  return { moved: locked.length - unassigned, unassigned };
}
