import type { Db } from '../../db';
import { systemActor } from '../../access/actor';
import type { ConversationStatus } from '../../generated/prisma/enums';
import { unitOfWork } from '../../db/unit-of-work';
import { sqlTimestamp } from '../../db/sql';
import { conversationEvent, emit } from '../../realtime/outbox';
import { WOKEN_BY_TIME } from './snooze';

// The snooze sweep: snoozed conversations whose time has come go back to OPEN. The database is the
// source of truth (snoozedUntil), the timer only the clock, so a snooze that ended while no
// instance ran is woken by the first tick after. Every instance ticks; one statement claims the
// due rows (FOR NO KEY UPDATE SKIP LOCKED: rows another sweep — or an agent's change — holds are
// left to it, and a row a committed sweep already woke no longer matches `snoozedUntil <= now`
// when PostgreSQL re-checks it), wakes them and writes their timeline entries, so two instances
// ticking at once wake each conversation once. The live events leave after the commit, over the
// bus, so every instance's open inboxes hear of it.

/** At most this many per tick: a backlog (an outage) is worked off over a few ticks, never in one long transaction. */
const BATCH = 500;

export const SNOOZE_SWEEP_MS = Math.max(200, Number(process.env.SNOOZE_SWEEP_SECONDS || 15) * 1000);

type Woken = { id: string; status: ConversationStatus; inboxId: string | null; queueId: string | null; agentId: string | null; topic: string | null };

/** One tick: wakes what is due at `now`; returns the ids woken (sorted). */
export async function wakeDueSnoozes(db: Db, now: Date = new Date()): Promise<string[]> {
  const actor = systemActor(WOKEN_BY_TIME);
  const at = sqlTimestamp(now);
  return unitOfWork(db, async (tx) => {
    const rows = await tx.$queryRaw<Woken[]>`
      WITH due AS (
        SELECT id, "snoozedUntil" AS was FROM "Conversation"
        WHERE "snoozedUntil" <= ${at}::timestamp(3)
        ORDER BY "snoozedUntil", id LIMIT ${BATCH}
        FOR NO KEY UPDATE SKIP LOCKED),
      woke AS (
        UPDATE "Conversation" c
        SET status = CASE WHEN c.status = 'WAITING' THEN 'OPEN'::"ConversationStatus" ELSE c.status END,
            "snoozedUntil" = NULL, "updatedAt" = ${at}::timestamp(3)
        FROM due WHERE c.id = due.id
        RETURNING c.id, c.status, c."inboxId", c."queueId", c."agentId", c.topic, due.was),
      timeline AS (
        INSERT INTO "TimelineEvent" (id, "conversationId", kind, "actorKind", "actorName", reason, before, after, "createdAt")
        SELECT gen_random_uuid()::text, id, 'UNSNOOZED'::"TimelineKind", 'SYSTEM'::"ActorKind", 'System', ${WOKEN_BY_TIME}::text,
               jsonb_build_object('status', 'WAITING', 'snoozedUntil', to_char(was, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
               jsonb_build_object('status', status::text), ${at}::timestamp(3)
        FROM woke)
      SELECT id, status::text AS status, "inboxId", "queueId", "agentId", topic FROM woke ORDER BY id`;
    // Whole events, as the raw hot paths emit them: the statement returned exactly what committed.
    for (const r of rows) emit(tx, conversationEvent(r, ['status'], { queueId: r.queueId, agentId: r.agentId }, actor));
    return rows.map((r) => r.id);
  });
}

/** Starts the snooze timer once per process (instrumentation.ts, next to the presence sweep). */
export function startSnoozeSweep(db: () => Db, everyMs = SNOOZE_SWEEP_MS): void {
  const g = globalThis as unknown as { __switchboardSnoozeSweep?: NodeJS.Timeout };
  if (g.__switchboardSnoozeSweep) return;
  g.__switchboardSnoozeSweep = setInterval(() => {
    wakeDueSnoozes(db()).catch((e) => console.error('snooze sweep failed', e));
  }, everyMs);
  g.__switchboardSnoozeSweep.unref();
}
