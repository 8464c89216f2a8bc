import type { Db } from '../../db';
import { systemActor, type Actor } from '../../access/actor';
import { sqlUnitOfWork } from '../../db/unit-of-work';
import { sqlTimestamp, type Sql } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { conversationEvent, emit } from '../../realtime/outbox';
import { CLAIMED, claimCtes, lockInboxesSql, type Claimed } from './claim';

/**
 * Which waiting conversations a drain looks at: those of these inboxes, of these queues, or those
 * this agent is eligible for (their inboxes). Any combination; an empty scope drains nothing.
 */
export type DrainScope = { inboxIds?: string[]; queueIds?: string[]; agentId?: string };

/**
 * Backlog drain (SPEC §4): hands out waiting conversations (unassigned, OPEN or WAITING, in an inbox
 * with auto-assignment on) as soon as someone can take them — capacity freed, an agent available
 * again, hours open, a toggle turned on. Called after the commit of whatever made that so (an event,
 * not a timer: the database holds what waits, so any instance may drain). One transaction over
 * the inboxes in scope, under the locks every auto assignment takes (all the inboxes first, then
 * their capped agents: `lockInboxesForAssignment`), so that across inboxes too the highest priority
 * goes first, then the longest waiting, each claimed by its queue's policy. Returns how many were
 * assigned.
 */
export async function drainWaiting(db: Db, scope: DrainScope): Promise<number> {
  const inboxIds = await inboxesToDrain(db, scope);
  if (!inboxIds.length) return 0;
  return sqlUnitOfWork(db, (sql) => drainInboxes(sql, systemActor('assigned from the waiting backlog'), inboxIds, scope.queueIds));
}

/**
 * The inboxes in scope with auto-assignment on where something waits, or may be about to: an inbox
 * whose row is locked right now (the SHARE probe is skipped) may hold a creator that saw everyone
 * full before this drain's trigger committed and will commit a waiting conversation; draining it
 * waits for that commit under the lock and sees it. Inboxes where nothing waits and nobody assigns
 * cost nothing more.
 */
async function inboxesToDrain(db: Db, { inboxIds = [], queueIds = [], agentId }: DrainScope): Promise<string[]> {
  if (!inboxIds.length && !queueIds.length && !agentId) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT i.id FROM "Inbox" i
    WHERE i."autoAssign"
      AND (i.id = ANY(${inboxIds}::text[])
        OR EXISTS (SELECT 1 FROM "InboxCollaborator" c WHERE c."inboxId" = i.id AND c."userId" = ${agentId ?? null}::text)
        OR (cardinality(${queueIds}::text[]) > 0 AND (NOT EXISTS (SELECT 1 FROM "Inbox" busy WHERE busy.id = i.id FOR SHARE SKIP LOCKED)
          OR EXISTS (SELECT 1 FROM "Conversation" x WHERE x."inboxId" = i.id AND x."queueId" = ANY(${queueIds}::text[])
                     AND x."agentId" IS NULL AND x.status IN ('OPEN', 'WAITING')))))
      AND (EXISTS (SELECT 1 FROM "Conversation" w WHERE w."inboxId" = i.id AND w."agentId" IS NULL AND w.status IN ('OPEN', 'WAITING'))
        OR NOT EXISTS (SELECT 1 FROM "Inbox" busy WHERE busy.id = i.id FOR SHARE SKIP LOCKED))
    ORDER BY i.id`;
  return rows.map((r) => r.id);
}

/**
 * Claims the waiting conversations of the inboxes in order until none is left that someone can
 * take, one statement each (`DRAIN_STEP`): the best waiting conversation across the inboxes, its
 * claim by its queue's policy, the turn and the timeline. One nobody can take marks its inbox and
 * queue as full for this drain (the same pool and policy would refuse the rest of them too), so
 * each statement either assigns one or rules out a group. Rows another transaction holds are
 * skipped, not waited for (it locked them before the inbox). On the raw driver with prepared
 * statements: planning these CTEs costs more than running them.
 */
async function drainInboxes(sql: Sql, actor: Actor, inboxIds: string[], onlyQueues?: string[]): Promise<number> {
  const open = (await lockInboxesSql(sql, inboxIds)).filter((i) => i.autoAssign).map((i) => i.id);
  if (!open.length) return 0;
  const full: string[] = [];
  const now = sqlTimestamp(new Date());
  let assigned = 0;
  for (;;) {
    const { text, values } = drainStep(actor, { inboxes: open, queues: onlyQueues ?? null, full, now });
    const [row] = await sql.query<{ claimed: Claimed | null; group: string | null }>(text, values, { prepare: true });
    if (!row.group) return assigned;
    if (!row.claimed) {
      full.push(row.group);
      continue;
    }
    assigned++;
    emit(sql, conversationEvent(row.claimed, ['assignee'], { queueId: row.claimed.queueId, agentId: null }, actor));
  }
}

/**
 * `target`: per inbox, its best waiting conversation outside the full groups (the partial index
 * `Conversation_waiting_manual` gives them in order), and of those the best: highest priority, then
 * longest waiting. Then its claim. Answers the claimed conversation (null when nobody could take
 * it) and its group (null when nothing is left).
 */
function drainStep(actor: Actor, o: { inboxes: string[]; queues: string[] | null; full: string[]; now: string }) {
  const p = new SqlParams();
  const inboxes = p.add(o.inboxes);
  const queues = p.add(o.queues);
  const full = p.add(o.full);
  const now = p.add(o.now);
  const ctes = claimCtes(
    p,
    actor,
    { id: '(SELECT id FROM target)', inbox: '(SELECT "inboxId" FROM target)', queue: '(SELECT "queueId" FROM target)', customer: '(SELECT "customerId" FROM target)' },
    { now, expectAgentId: null },
  );
  const text = `WITH target AS (
      SELECT w.* FROM unnest(${inboxes}::text[]) AS ib(id)
      CROSS JOIN LATERAL (
        SELECT x.id, x."inboxId", x."queueId", x."customerId", x.priority, COALESCE(x."queuedAt", x."createdAt") AS since
        FROM "Conversation" x
        WHERE x."inboxId" = ib.id AND x."agentId" IS NULL AND x.status IN ('OPEN', 'WAITING')
          AND (${queues}::text[] IS NULL OR x."queueId" = ANY(${queues}::text[]))
          AND NOT (x."inboxId" || '/' || COALESCE(x."queueId", '') = ANY(${full}::text[]))
        ORDER BY x.priority, COALESCE(x."queuedAt", x."createdAt"), x.id
        LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED) w
      ORDER BY w.priority, w.since, w.id LIMIT 1),
    ${ctes}
    SELECT (SELECT ${CLAIMED} FROM upd) AS claimed,
      (SELECT "inboxId" || '/' || COALESCE("queueId", '') FROM target) AS "group"`;
  return { text, values: p.values };
}
