import type { Db, Tx } from '../../db';
import { systemActor, type Actor } from '../../access/actor';
import { unitOfWork } from '../../db/unit-of-work';
import { claimConversation, lockForAssignment } from './claim';

/**
 * Which waiting conversations a drain looks at: those of these inboxes, of these queues, or those
 * this agent is eligible for (their inboxes). Any combination; an empty scope drains nothing.
 */
export type DrainScope = { inboxIds?: string[]; queueIds?: string[]; agentId?: string };

const BATCH = 50;

/**
 * Backlog drain (SPEC §4): hands out waiting conversations (unassigned, OPEN or WAITING, in an inbox
 * with auto-assignment on) as soon as someone can take them — capacity freed, an agent available
 * again, hours open, a toggle turned on. Called after the commit of whatever made that so (an event,
 * not a timer: the database holds what waits, so any instance may drain). One transaction per
 * inbox, in id order, under the same locks as every auto assignment (`lockForAssignment`); inside,
 * highest priority first, then longest waiting, each claimed by the queue's policy. Returns how
 * many were assigned.
 */
export async function drainWaiting(db: Db, scope: DrainScope): Promise<number> {
  const inboxIds = await inboxesToDrain(db, scope);
  const actor = systemActor('assigned from the waiting backlog');
  let assigned = 0;
  for (const inboxId of inboxIds) assigned += await unitOfWork(db, (tx) => drainInbox(tx, actor, inboxId, scope.queueIds));
  return assigned;
}

/** The same, never throwing: for callers whose own change has committed and must be answered as done. */
export async function drainAfter(db: Db, scope: DrainScope): Promise<void> {
  try {
    await drainWaiting(db, scope);
  } catch (e) {
    // What waits is in the database: the next event, or the periodic check, hands it out.
    console.error('backlog drain failed', e);
  }
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
 * Claims the inbox's waiting conversations in order until none is left that someone can take. A
 * conversation nobody can take marks its queue as full for this drain (the same pool and policy
 * would refuse the rest of it too), so each statement either assigns one or rules out a queue.
 * Rows another transaction holds are skipped, not waited for (it locked them before the inbox).
 */
async function drainInbox(tx: Tx, actor: Actor, inboxId: string, onlyQueues?: string[]): Promise<number> {
  const inbox = await lockForAssignment(tx, inboxId);
  if (!inbox?.autoAssign) return 0;
  const full = new Set<string>();
  const now = new Date();
  let assigned = 0;
  for (;;) {
    const waiting = await tx.$queryRaw<{ id: string; queueId: string | null; customerId: string | null }[]>`
      SELECT id, "queueId", "customerId" FROM "Conversation"
      WHERE "inboxId" = ${inboxId} AND "agentId" IS NULL AND status IN ('OPEN', 'WAITING')
        AND (${onlyQueues ?? null}::text[] IS NULL OR "queueId" = ANY(${onlyQueues ?? []}::text[]))
        AND NOT (COALESCE("queueId", '') = ANY(${[...full]}::text[]))
      ORDER BY priority, COALESCE("queuedAt", "createdAt"), id
      LIMIT ${BATCH} FOR NO KEY UPDATE SKIP LOCKED`;
    if (!waiting.length) return assigned;
    for (const c of waiting) {
      const group = c.queueId ?? '';
      if (full.has(group)) continue;
      const r = await claimConversation(tx, actor, { ...c, inboxId }, { now });
      if (r) assigned++;
      else full.add(group);
    }
  }
}
