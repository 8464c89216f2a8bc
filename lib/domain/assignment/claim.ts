import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { orderedId, sqlTimestamp, type Sql } from '../../db/sql';
import type { ConversationStatus } from '../../generated/prisma/enums';
import { SqlParams } from '../../db/sql-params';
import { actorColumns } from '../timeline';
import { noteTimeline } from '../../realtime/outbox';
import { advanceTurnCtes, LOCK_CAPPED, lockForAssignmentCtes, pickAgentCtes } from './pick-sql';

export type LockedInbox = { id: string; autoAssign: boolean; reassignOnOffline: boolean; rrTurn: number };

/**
 * Takes, for the rest of the transaction, the locks every auto assignment in this inbox holds (the
 * inbox row, then its capacity-bound collaborators' rows: `lockForAssignmentCtes`), and reads the
 * inbox as it is now. Every assignment in one inbox, from any app instance, passes here one at a
 * time, so a turn is never skipped or repeated and no capped agent's load changes meanwhile.
 */
export async function lockForAssignment(tx: Tx, inboxId: string): Promise<LockedInbox | null> {
  const [row] = await tx.$queryRawUnsafe<{ inboxes: LockedInbox[] | null }[]>(LOCK_INBOXES, [inboxId]);
  return row.inboxes?.[0] ?? null;
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

/** One claim (`claimCtes`) as a statement of fixed text, answering the conversation as claimed. */
export function claimStatement(
  actor: Actor,
  c: Claimable,
  opts: { expectAgentId?: string | null; onlineOnly?: boolean; exclude?: string; now?: Date } = {},
): { text: string; values: unknown[] } {
  const p = new SqlParams();
  const now = p.add(sqlTimestamp(opts.now ?? new Date()));
  const target = { id: p.add(c.id), inbox: p.add(c.inboxId), queue: p.add(c.queueId), customer: p.add(c.customerId) };
  const ctes = claimCtes(p, actor, target, { now, expectAgentId: opts.expectAgentId ?? null, onlineOnly: opts.onlineOnly, exclude: opts.exclude });
  return { text: `WITH ${ctes} SELECT ${CLAIMED} AS claimed FROM upd`, values: p.values };
}

/** The claimed conversation as the realtime event needs it, and how it was picked. */
export type Claimed = { id: string; status: ConversationStatus; inboxId: string; queueId: string | null; agentId: string; topic: string | null; name: string; reason: string };
export const CLAIMED = `json_build_object('id', upd.id, 'status', upd.status, 'inboxId', upd."inboxId", 'queueId', upd."queueId", 'agentId', upd."agentId",
    'topic', upd.topic, 'name', upd.name, 'reason', upd.reason)`;

/**
 * Claims one conversation by its queue's policy, in one statement. The caller holds
 * `lockForAssignment` for the inbox and the conversation's row lock (or just made it).
 * `onlineOnly`/`exclude`: reassignment, which gives nothing to OFFLINE agents or the one who left.
 */
export async function claimConversation(
  tx: Tx,
  actor: Actor,
  c: Claimable,
  opts: { expectAgentId?: string | null; onlineOnly?: boolean; exclude?: string; now?: Date } = {},
): Promise<ClaimResult> {
  const { text, values } = claimStatement(actor, c, opts);
  const [row] = await tx.$queryRawUnsafe<{ claimed: Claimed }[]>(text, ...values);
  if (!row) return null;
  noteTimeline(tx, c.id, actor, [{ kind: 'ASSIGNEE_CHANGED', before: { agentId: opts.expectAgentId ?? null } }]);
  return { agentId: row.claimed.agentId, name: row.claimed.name, reason: row.claimed.reason };
}

/** `lockForAssignment` for several inboxes on the raw driver: every inbox row first, then the capped agents. */
export async function lockInboxesSql(sql: Sql, inboxIds: string[]): Promise<LockedInbox[]> {
  const [row] = await sql.query<{ inboxes: LockedInbox[] | null }>(LOCK_INBOXES, [inboxIds], { prepare: true });
  return row.inboxes ?? [];
}

const LOCK_INBOXES = `WITH ${lockForAssignmentCtes('$1::text[]')}
  SELECT (SELECT json_agg(json_build_object('id', id, 'autoAssign', "autoAssign", 'reassignOnOffline', "reassignOnOffline", 'rrTurn', "rrTurn") ORDER BY id)
    FROM locked_inbox) AS inboxes, ${LOCK_CAPPED}`;
