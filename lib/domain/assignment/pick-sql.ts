import type { SqlParams } from '../../db/sql-params';

/**
 * The one definition of who auto-assignment picks (SPEC §4), as CTEs of the statement that writes
 * the assignment; every auto path (create, route, drain, reassignment) runs it while holding the
 * inbox lock and the row locks of the inbox's capacity-bound agents (`lockedForAssignment`), so the
 * pool, the loads and the turn it reads are current. Parameters are SQL expressions (`$n`).
 *
 * - `policy`: the queue's settings (defaults for a conversation without a queue: round robin,
 *   auto-assignment on, no sticky agent, no hours); `gate` is false when the queue's toggle is off
 *   or its working hours are closed and it may not assign outside them.
 * - `cand`: enabled collaborators of the inbox who, when there is a queue, are members of it, and
 *   are neither BUSY nor away (console disconnected); `open` (OPEN + WAITING conversations) is
 *   counted only when a capacity or the algorithm needs it, so plain round robin counts nothing.
 * - `free`: those below capacity; `rate` for PERFORMANCE_BASED: (resolved in 7 days + 1) /
 *   (resolved + open + 2), so a newcomer starts at one half.
 * - `sticky`: the agent of the customer's most recently updated conversation within the queue's
 *   sticky window; they win when free and ONLINE.
 * - `pick`: ONLINE before the rest (the rest take part only when nobody free is ONLINE), then the
 *   algorithm (fewest open; best rate, then fewest open), then whoever received one by rotation
 *   longest ago (lowest stored turn), position, id. Over a stable pool with plain round robin the
 *   counts of any two differ by at most one; ties of the other algorithms fall back to the turn.
 * Then `advanceTurnCtes` advances the inbox's turn for whoever was given the conversation.
 */
export type PickParams = {
  /** The caller's own gate: the inbox's toggle on, the conversation assignable. */
  enabled: boolean;
  inbox: string;
  queue: string;
  customer: string;
  /** A `timestamp(3)` expression: the instant the decision is made (hours, windows). */
  now: string;
  /** The conversation being assigned, when it exists already (not its own sticky evidence). */
  conversation?: string;
  /** Reassignment: ONLINE agents only, and never the one who left. */
  onlineOnly?: boolean;
  exclude?: string;
};

export function pickAgentCtes(p: SqlParams, o: PickParams): string {
  const enabled = p.add(o.enabled);
  const onlineOnly = o.onlineOnly ? `AND u.availability = 'ONLINE'` : '';
  const exclude = o.exclude ? `AND u.id <> ${o.exclude}::text` : '';
  const self = o.conversation ? `AND x.id <> ${o.conversation}::text` : '';
  return `policy AS (
      SELECT COALESCE(q.algorithm, 'ROUND_ROBIN') AS algorithm, COALESCE(q.sticky, false) AS sticky, COALESCE(q."stickyDays", 7) AS "stickyDays",
        COALESCE(q."autoAssign", true) AND CASE WHEN q."workingHoursId" IS NULL OR q."assignOutsideHours" THEN true
          ELSE switchboard_hours_open_manual(q."workingHoursId", ${o.now}::timestamp(3)) END AS gate
      FROM (SELECT 1) one LEFT JOIN "Queue" q ON q.id = ${o.queue}::text),
    cand AS (
      SELECT c."userId", u.name, u.availability = 'ONLINE' AS online, c."lastTurn", c.position, u.capacity,
        CASE WHEN u.capacity IS NOT NULL OR policy.algorithm <> 'ROUND_ROBIN'
          THEN (SELECT count(*) FROM "Conversation" x WHERE x."agentId" = u.id AND x.status IN ('OPEN', 'WAITING'))::int END AS open
      FROM policy, "InboxCollaborator" c JOIN "User" u ON u.id = c."userId"
      WHERE ${enabled}::boolean AND policy.gate AND c."inboxId" = ${o.inbox}::text
        AND u.enabled AND u.availability <> 'BUSY' AND u."disconnectedAt" IS NULL ${onlineOnly} ${exclude}
        AND (${o.queue}::text IS NULL OR EXISTS (SELECT 1 FROM "QueueMember" m WHERE m."queueId" = ${o.queue}::text AND m."userId" = c."userId"))),
    free AS (
      SELECT f.*, CASE WHEN policy.algorithm = 'PERFORMANCE_BASED' THEN (SELECT count(*) FROM "Conversation" r
          WHERE r."agentId" = f."userId" AND r.status IN ('SOLVED', 'CLOSED') AND r."updatedAt" >= ${o.now}::timestamp(3) - interval '7 days')::int END AS resolved
      FROM cand f, policy WHERE f.capacity IS NULL OR f.open < f.capacity),
    sticky AS (
      SELECT x."agentId" AS id FROM "Conversation" x, policy
      WHERE policy.sticky AND x."customerId" = ${o.customer}::text AND x."agentId" IS NOT NULL ${self}
        AND x."updatedAt" >= ${o.now}::timestamp(3) - make_interval(days => policy."stickyDays")
      ORDER BY x."updatedAt" DESC, x.id DESC LIMIT 1),
    ranked AS (
      SELECT f.*, f.online AND f."userId" = (SELECT id FROM sticky) AS stuck,
        CASE WHEN policy.algorithm = 'PERFORMANCE_BASED' THEN (f.resolved + 1)::float8 / (f.resolved + f.open + 2) END AS rate,
        policy.algorithm
      FROM free f, policy),
    pick AS (
      SELECT r."userId", r.name, CASE
          WHEN r.stuck THEN 'sticky agent: handled this customer last'
          WHEN r.algorithm = 'LOAD_BALANCING' THEN 'load balancing: ' || r.open || ' open, fewest'
          WHEN r.algorithm = 'PERFORMANCE_BASED' THEN 'performance based: ' || r.resolved || ' resolved in 7 days, ' || r.open || ' open'
          ELSE 'round robin' END AS reason
      FROM ranked r
      ORDER BY r.stuck DESC, r.online DESC,
        CASE WHEN r.algorithm = 'LOAD_BALANCING' THEN r.open END,
        r.rate DESC NULLS LAST, CASE WHEN r.algorithm = 'PERFORMANCE_BASED' THEN r.open END,
        r."lastTurn", r.position, r."userId" COLLATE "C"
      LIMIT 1)`;
}

/**
 * `turn` advances the inbox's turn and `seat` stores it on the agent who got the conversation:
 * `source` is a CTE with their "userId" (the pick itself, or the update that claimed with it, so
 * that a claim that lost its race advances nothing).
 */
export function advanceTurnCtes(inbox: string, source: string): string {
  return `turn AS (
      UPDATE "Inbox" i SET "rrTurn" = i."rrTurn" + 1 FROM ${source} WHERE i.id = ${inbox}::text RETURNING i."rrTurn", ${source}."userId"),
    seat AS (
      UPDATE "InboxCollaborator" c SET "lastTurn" = turn."rrTurn" FROM turn
      WHERE c."inboxId" = ${inbox}::text AND c."userId" = turn."userId")`;
}

/**
 * Locks, in one fixed order, what an auto assignment in these inboxes must hold (ARCHITECTURE:
 * locks in the database, never in memory): the inbox rows in id order, then the rows of their
 * collaborators who have a capacity, in id order. Capacity spans inboxes while the inbox lock does
 * not; every auto assigner holds the capped agents' rows until it commits, so the next statement's
 * count of their open conversations is current. NO KEY UPDATE: inserting a conversation takes KEY
 * SHARE on the inbox and its agent, which this does not block. `inboxes` is a SQL expression for a
 * text[] of inbox ids. The CTE `locked_inbox` takes the inbox locks; `LOCK_CAPPED`, in the select
 * list after a column that reads `locked_inbox`, the agents' (every inbox lock before any agent's).
 */
export function lockForAssignmentCtes(inboxes: string, lock = true): string {
  return `locked_inbox AS (
      SELECT i.id, i.channel, i."autoAssign", i."reassignOnOffline", i."rrTurn" FROM "Inbox" i WHERE i.id = ANY(${inboxes})
      ORDER BY i.id ${lock ? 'FOR NO KEY UPDATE OF i' : ''})`;
}

/**
 * The select-list column that takes the capped agents' row locks (migration
 * 20261203124800: a PL/pgSQL function, so the statement around it keeps its generic plan). It reads
 * `locked_inbox`, so it runs after every inbox lock is taken; put it after the column that reads
 * `locked_inbox` itself.
 */
export const LOCK_CAPPED = `switchboard_lock_capped_manual(ARRAY(SELECT id FROM locked_inbox)) AS capped`;

/**
 * The create's pick when the default policy applies (round robin, the queue's toggle on, no sticky
 * agent, no collaborator with a capacity): `picked` calls `switchboard_plain_pick_manual` (migration
 * 20261203153000), which takes the inbox lock itself and then reads the pool after it, so a create
 * holds the lock for its write statement and the COMMIT only. `pick` has the columns of
 * pickAgentCtes' pick; `PLAIN_NEEDS_FULL` is true when the function found the policy not to be the
 * default after all (it changed since the caller's hint): the caller then claims the conversation
 * with the full policy under lockForAssignment. Same eligibility and order as pickAgentCtes for the
 * default policy; policies.test.ts holds the two to the same answers.
 */
export function plainPickCtes(p: SqlParams, o: { inbox: string; queue: string; lock: boolean; enabled: boolean }): string {
  return `picked AS (SELECT * FROM switchboard_plain_pick_manual(${o.inbox}::text, ${o.queue}::text, ${p.add(o.lock)}::boolean, ${p.add(o.enabled)}::boolean)),
    pick AS (SELECT pick_user AS "userId", pick_name AS name, 'round robin'::text AS reason FROM picked WHERE pick_user IS NOT NULL)`;
}

/**
 * The same pick as `switchboard_plain_pick_manual`, inline, for a caller that needs no lock to
 * read the pool as it is (on PGlite, where one transaction runs at a time, a plpgsql call costs
 * more than the statement around it). `enabled`: the caller's gate, the inbox's toggle included.
 * policies.test.ts holds it to the same answers as the function and the full pick.
 */
export function plainPickInlineCte(p: SqlParams, o: { inbox: string; queue: string; enabled: boolean }): string {
  return `pick AS (
      SELECT c."userId", u.name, 'round robin'::text AS reason
      FROM "InboxCollaborator" c JOIN "User" u ON u.id = c."userId"
      WHERE ${p.add(o.enabled)}::boolean AND c."inboxId" = ${o.inbox}::text
        AND u.enabled AND u.availability <> 'BUSY' AND u."disconnectedAt" IS NULL
        AND (${o.queue}::text IS NULL OR EXISTS (SELECT 1 FROM "QueueMember" m WHERE m."queueId" = ${o.queue}::text AND m."userId" = c."userId"))
      ORDER BY u.availability = 'ONLINE' DESC, c."lastTurn", c.position, c."userId" COLLATE "C"
      LIMIT 1)`;
}

export const PLAIN_NEEDS_FULL = `EXISTS (SELECT 1 FROM picked WHERE full_policy)`;

/**
 * Select-list columns a create reads before any lock, to choose between the plain pick and the
 * full one: whether a collaborator of the inbox (`inbox`, a CTE with its id) has a capacity, and
 * which queues do not run the default policy. Only a hint: the plain pick checks again under the lock.
 */
export const POLICY_HINTS = `EXISTS (SELECT 1 FROM "InboxCollaborator" ic JOIN "User" u ON u.id = ic."userId"
         WHERE ic."inboxId" = (SELECT id FROM inbox) AND u.capacity IS NOT NULL) AS "hasCapped",
       (SELECT COALESCE(json_agg(id), '[]'::json) FROM "Queue"
         WHERE algorithm <> 'ROUND_ROBIN' OR sticky OR NOT "autoAssign") AS "nonPlainQueues"`;
