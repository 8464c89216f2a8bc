import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { orderedId, sqlTimestamp } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { actorColumns } from '../timeline';
import { noteTimeline } from '../../realtime/outbox';
import { advanceTurnCtes, lockForAssignmentCtes, pickAgentCtes } from './pick-sql';

export type LockedInbox = { id: string; autoAssign: boolean; reassignOnOffline: boolean; rrTurn: number };

/**
 * Takes, for the rest of the transaction, the locks every auto assignment in this inbox holds (the
 * inbox row, then its capacity-bound collaborators' rows: `lockForAssignmentCtes`), and reads the
 * inbox as it is now. Every assignment in one inbox, from any app instance, passes here one at a
 * time, so a turn is never skipped or repeated and no capped agent's load changes meanwhile.
 */
export async function lockForAssignment(tx: Tx, inboxId: string): Promise<LockedInbox | null> {
  const [row] = await tx.$queryRawUnsafe<{ inbox: LockedInbox | null }[]>(
    `WITH ${lockForAssignmentCtes('$1::text')}
     SELECT (SELECT row_to_json(locked_inbox) FROM locked_inbox) AS inbox, (SELECT count(*) FROM capped) AS capped`,
    inboxId,
  );
  return row.inbox;
}

export type ClaimResult = { agentId: string; name: string; reason: string } | null;

export type Claimable = { id: string; inboxId: string; queueId: string | null; customerId: string | null };

/**
 * Gives the conversation to the agent the policy picks (pick-sql.ts), if it still has the assignee
 * the caller expects (null: unassigned) and is OPEN or WAITING, advances the turn and writes the
 * timeline, in one statement. The guard means a manual choice made meanwhile is never undone. The
 * caller holds `lockForAssignment` for the inbox and the conversation's row lock (or just made it).
 * `onlineOnly`/`exclude`: reassignment, which gives nothing to OFFLINE agents or the one who left.
 */
export async function claimConversation(
  tx: Tx,
  actor: Actor,
  c: Claimable,
  opts: { expectAgentId?: string | null; onlineOnly?: boolean; exclude?: string; now?: Date } = {},
): Promise<ClaimResult> {
  const now = opts.now ?? new Date();
  const expected = opts.expectAgentId ?? null;
  const p = new SqlParams();
  const ts = p.add(sqlTimestamp(now));
  const inbox = p.add(c.inboxId);
  const id = p.add(c.id);
  const who = actorColumns(actor);
  // The system says why it acted ("reassigned: Ana went offline"), the pick how it chose.
  const systemWhy = actor.kind === 'system' ? `${actor.reason} — ` : '';
  const picked = pickAgentCtes(p, {
    enabled: true,
    inbox,
    queue: p.add(c.queueId),
    customer: p.add(c.customerId),
    now: ts,
    conversation: id,
    onlineOnly: opts.onlineOnly,
    exclude: opts.exclude ? p.add(opts.exclude) : undefined,
  });
  const [row] = await tx.$queryRawUnsafe<{ userId: string; name: string; reason: string }[]>(
    `WITH ${picked},
    upd AS (
      UPDATE "Conversation" x SET "agentId" = pick."userId", "assignedAt" = ${ts}::timestamp(3), "updatedAt" = ${ts}::timestamp(3)
      FROM pick
      WHERE x.id = ${id}::text AND x."agentId" IS NOT DISTINCT FROM ${p.add(expected)}::text AND x.status IN ('OPEN', 'WAITING')
      RETURNING pick."userId", pick.name, pick.reason),
    ${advanceTurnCtes(inbox, 'upd')},
    timeline AS (
      INSERT INTO "TimelineEvent" (id, "conversationId", kind, "actorKind", "actorUserId", "actorApiKeyId", "actorName", reason, before, after, "createdAt")
      SELECT ${p.add(orderedId())}::text, ${id}::text, 'ASSIGNEE_CHANGED', ${p.add(who.actorKind)}::"ActorKind", ${p.add(who.actorUserId ?? null)}::text,
             ${p.add(who.actorApiKeyId ?? null)}::text, ${p.add(who.actorName)}::text, ${p.add(systemWhy)}::text || upd.reason,
             jsonb_build_object('agentId', ${p.add(expected)}::text), jsonb_build_object('agentId', upd."userId"), ${ts}::timestamp(3)
      FROM upd)
    SELECT "userId", name, reason FROM upd`,
    ...p.values,
  );
  if (!row) return null;
  row.reason = systemWhy + row.reason;
  noteTimeline(tx, c.id, actor, [{ kind: 'ASSIGNEE_CHANGED', before: { agentId: expected } }]);
  return { agentId: row.userId, name: row.name, reason: row.reason };
}
