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
  return (await lockInboxesForAssignment(tx, [inboxId]))[0] ?? null;
}

/** The same for several inboxes at once (the drain), all inbox rows first, then the capped agents. */
export async function lockInboxesForAssignment(tx: Tx, inboxIds: string[]): Promise<LockedInbox[]> {
  const [row] = await tx.$queryRawUnsafe<{ inboxes: LockedInbox[] | null }[]>(
    `WITH ${lockForAssignmentCtes('$1::text[]')}
     SELECT (SELECT json_agg(locked_inbox ORDER BY id) FROM locked_inbox) AS inboxes, (SELECT count(*) FROM capped) AS capped`,
    inboxIds,
  );
  return row.inboxes ?? [];
}

export type ClaimResult = { agentId: string; name: string; reason: string } | null;

export type Claimable = { id: string; inboxId: string; queueId: string | null; customerId: string | null };

/** SQL expressions for the conversation a claim statement assigns. */
export type ClaimTarget = { id: string; inbox: string; queue: string; customer: string };

/**
 * The CTEs of a claim (pick-sql.ts): `upd` gives the conversation to the agent the policy picks,
 * if it still has the assignee expected (null: unassigned) and is OPEN or WAITING, and returns it
 * with the pick's reason; the turn advances for that agent and the timeline says who and how, all
 * in the one statement. The guard means a manual choice made meanwhile is never undone.
 */
export function claimCtes(
  p: SqlParams,
  actor: Actor,
  t: ClaimTarget,
  opts: { now: string; expectAgentId: string | null; onlineOnly?: boolean; exclude?: string },
): string {
  const who = actorColumns(actor);
  // The system says why it acted ("reassigned: Ana went offline"), the pick how it chose.
  const systemWhy = actor.kind === 'system' ? `${actor.reason} — ` : '';
  const expected = p.add(opts.expectAgentId);
  const ts = opts.now;
  const picked = pickAgentCtes(p, {
    enabled: true,
    inbox: t.inbox,
    queue: t.queue,
    customer: t.customer,
    now: ts,
    conversation: t.id,
    onlineOnly: opts.onlineOnly,
    exclude: opts.exclude ? p.add(opts.exclude) : undefined,
  });
  return `${picked},
    upd AS (
      UPDATE "Conversation" x SET "agentId" = pick."userId", "assignedAt" = ${ts}::timestamp(3), "updatedAt" = ${ts}::timestamp(3)
      FROM pick
      WHERE x.id = ${t.id}::text AND x."agentId" IS NOT DISTINCT FROM ${expected}::text AND x.status IN ('OPEN', 'WAITING')
      RETURNING x.id, x.status, x."inboxId", x."queueId", x."agentId", x.topic, pick."userId", pick.name, ${p.add(systemWhy)}::text || pick.reason AS reason),
    ${advanceTurnCtes(t.inbox, 'upd')},
    timeline AS (
      INSERT INTO "TimelineEvent" (id, "conversationId", kind, "actorKind", "actorUserId", "actorApiKeyId", "actorName", reason, before, after, "createdAt")
      SELECT ${p.add(orderedId())}::text, upd.id, 'ASSIGNEE_CHANGED', ${p.add(who.actorKind)}::"ActorKind", ${p.add(who.actorUserId ?? null)}::text,
             ${p.add(who.actorApiKeyId ?? null)}::text, ${p.add(who.actorName)}::text, upd.reason,
             jsonb_build_object('agentId', ${expected}::text), jsonb_build_object('agentId', upd."userId"), ${ts}::timestamp(3)
      FROM upd)`;
}

/**
 * Claims one conversation by its queue's policy (`claimCtes`), in one statement. The caller holds
 * `lockForAssignment` for the inbox and the conversation's row lock (or just made it).
 * `onlineOnly`/`exclude`: reassignment, which gives nothing to OFFLINE agents or the one who left.
 */
export async function claimConversation(
  tx: Tx,
  actor: Actor,
  c: Claimable,
  opts: { expectAgentId?: string | null; onlineOnly?: boolean; exclude?: string; now?: Date } = {},
): Promise<ClaimResult> {
  const p = new SqlParams();
  const now = p.add(sqlTimestamp(opts.now ?? new Date()));
  const target = { id: p.add(c.id), inbox: p.add(c.inboxId), queue: p.add(c.queueId), customer: p.add(c.customerId) };
  const expected = opts.expectAgentId ?? null;
  const ctes = claimCtes(p, actor, target, { now, expectAgentId: expected, onlineOnly: opts.onlineOnly, exclude: opts.exclude });
  const [row] = await tx.$queryRawUnsafe<{ userId: string; name: string; reason: string }[]>(`WITH ${ctes} SELECT "userId", name, reason FROM upd`, ...p.values);
  if (!row) return null;
  noteTimeline(tx, c.id, actor, [{ kind: 'ASSIGNEE_CHANGED', before: { agentId: expected } }]);
  return { agentId: row.userId, name: row.name, reason: row.reason };
}
