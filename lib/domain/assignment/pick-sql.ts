import type { SqlParams } from '../../db/sql-params';

/**
 * Round robin (SPEC §4) as CTEs of the statement that writes the assignment, run while the caller
 * holds the inbox lock, so the pool and the turn it reads are current:
 * - `pick`: the enabled collaborator of the inbox (and member of the queue, when there is one) who
 *   is not BUSY, ONLINE ones first, then whoever received a conversation by round robin longest ago
 *   (lowest stored turn), then the fixed position, then the id — the same order as `pickNext`
 *   (selector.ts), so over a stable pool the counts of any two differ by at most one;
 * - `turn` advances the inbox's turn and `seat` stores it on the agent picked.
 * With `enabled` false, `pick` is empty and nothing else changes.
 */
export function pickRoundRobinCte(p: SqlParams, opts: { enabled: boolean; inbox: string; queue: string }): { ctes: string } {
  const enabled = p.add(opts.enabled);
  return {
    ctes: `pick AS (
      SELECT c."userId", u.name
      FROM "InboxCollaborator" c JOIN "User" u ON u.id = c."userId"
      WHERE ${enabled}::boolean AND c."inboxId" = ${opts.inbox}::text AND u.enabled AND u.availability <> 'BUSY'
        AND (${opts.queue}::text IS NULL OR EXISTS (SELECT 1 FROM "QueueMember" m WHERE m."queueId" = ${opts.queue}::text AND m."userId" = c."userId"))
      ORDER BY (u.availability = 'ONLINE') DESC, c."lastTurn", c.position, c."userId" COLLATE "C"
      LIMIT 1),
    turn AS (
      UPDATE "Inbox" i SET "rrTurn" = i."rrTurn" + 1 FROM pick WHERE i.id = ${opts.inbox}::text RETURNING i."rrTurn"),
    seat AS (
      UPDATE "InboxCollaborator" c SET "lastTurn" = turn."rrTurn" FROM turn, pick
      WHERE c."inboxId" = ${opts.inbox}::text AND c."userId" = pick."userId")`,
  };
}
