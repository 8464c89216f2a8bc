import type { Db } from '../../db';
import { systemActor, type Actor } from '../../access/actor';
import { orderedId, sqlTimestamp, type Sql } from '../../db/sql';
import type { ConversationStatus } from '../../generated/prisma/enums';
import { actorColumns } from '../timeline';
import { claimStatement, lockInboxesSql, type Claimed } from './claim';
import { sqlUnitOfWork } from '../../db/unit-of-work';
import { conversationEvent, emit } from '../../realtime/outbox';

export type ReassignResult = { moved: number; unassigned: number };

/**
 * Trigger: an agent went OFFLINE, signed out, fell silent or was disabled (SPEC §4). Each of their
 * OPEN or WAITING conversations in inboxes with "reassign on offline" on goes round robin to the
 * other ONLINE eligible agents by the queue's policy; where none can take it (nobody ONLINE, all at
 * capacity) it becomes unassigned and waits (no fall-back to offline agents, unlike a new
 * conversation). One transaction per inbox: it locks the agent's open conversations there (in id
 * order, then the inbox and its capped agents — the same order as every other writer), then claims
 * them one prepared statement each, on the raw driver (through Prisma, 200 claims took 2 s at load
 * 15; planning these CTEs costs more than running them).
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
    const r = await sqlUnitOfWork(db, (sql) => reassignInInbox(sql, actor, agentId, agent.name, why, inboxId));
    total.moved += r.moved;
    total.unassigned += r.unassigned;
  }
  return total;
}

async function reassignInInbox(sql: Sql, actor: Actor, agentId: string, agentName: string, why: string, inboxId: string): Promise<ReassignResult> {
  const held = (skipLocked: boolean) =>
    sql.query<Held>(
      `SELECT id, "queueId", "customerId" FROM "Conversation"
       WHERE "agentId" = $1 AND "inboxId" = $2 AND status IN ('OPEN', 'WAITING')
       ORDER BY id FOR NO KEY UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
      [agentId, inboxId],
      { prepare: true },
    );
  const locked = await held(false);
  const [inbox] = await lockInboxesSql(sql, [inboxId]);
  if (!inbox?.reassignOnOffline) return { moved: 0, unassigned: 0 };
  // Read again under the inbox lock, in a new snapshot: whoever assigned them a conversation here
  // held this lock until they committed, so now it is visible. Rows another transaction holds are
  // skipped rather than waited for (that would invert the conversation → inbox lock order): their
  // holder is changing them under the inbox lock we now hold, after the agent went OFFLINE.
  const known = new Set(locked.map((c) => c.id));
  locked.push(...(await held(true)).filter((c) => !known.has(c.id)));
  if (locked.length === 0) return { moved: 0, unassigned: 0 };

  // One prepared claim statement each, by the queue's policy among the other ONLINE agents
  // (pick-sql.ts): capacity, load and the turn change as they are dealt, and each statement sees them.
  const now = new Date();
  const left: string[] = [];
  for (const c of locked) {
    const { text, values } = claimStatement(actor, { ...c, inboxId }, { expectAgentId: agentId, onlineOnly: true, exclude: agentId, now });
    const [row] = await sql.query<{ claimed: Claimed }>(text, values, { prepare: true });
    if (row) emit(sql, conversationEvent(row.claimed, ['assignee'], { queueId: row.claimed.queueId, agentId }, actor));
    else left.push(c.id);
  }
  if (left.length) {
    // Someone else may be online but not eligible (not in the inbox or queue, at capacity, busy):
    // the reason says what is true, not that nobody is online.
    const reason = `unassigned: ${agentName} ${why} and no other eligible agent was online to take it`;
    const rows = await sql.query<{ id: string; status: ConversationStatus; inboxId: string; queueId: string | null; topic: string | null }>(UNASSIGN, [
      left,
      agentId,
      sqlTimestamp(now),
      left.map(() => orderedId()),
      actorColumns(actor).actorName,
      reason,
    ], { prepare: true });
    for (const c of rows) emit(sql, conversationEvent({ ...c, agentId: null }, ['assignee'], { queueId: c.queueId, agentId }, actor));
  }
  return { moved: locked.length - left.length, unassigned: left.length };
}

type Held = { id: string; queueId: string | null; customerId: string | null };

// Nobody online can take these: unassigned, with the system's reason on each timeline, in one statement.
const UNASSIGN = `WITH gone AS (
    UPDATE "Conversation" SET "agentId" = NULL, "assignedAt" = NULL, "updatedAt" = $3::timestamp(3)
    WHERE id = ANY($1::text[]) AND "agentId" = $2::text
    RETURNING id, status, "inboxId", "queueId", topic),
  ids AS (SELECT g.*, t.tid FROM gone g JOIN unnest($1::text[], $4::text[]) AS t(cid, tid) ON t.cid = g.id),
  timeline AS (
    INSERT INTO "TimelineEvent" (id, "conversationId", kind, "actorKind", "actorName", reason, before, after, "createdAt")
    SELECT tid, id, 'ASSIGNEE_CHANGED', 'SYSTEM', $5::text, $6::text, jsonb_build_object('agentId', $2::text), '{"agentId":null}'::jsonb, $3::timestamp(3)
    FROM ids)
  SELECT id, status, "inboxId", "queueId", topic FROM ids`;
