import type { Db } from '../../db';
import { sqlTimestamp } from '../../db/sql';
import { drainWaiting } from './drain';

// "At opening time the waiting ones are handed out" (issue 13). Outside a queue's working hours
// its new conversations wait unassigned; when the hours open, nothing else happens that would
// trigger the backlog drain, so a timer looks. The database is the source of truth (which queues
// are open now, which have conversations waiting); the timer is only the clock, and a queue that
// opened while no instance was running is found on the first tick after. Each tick is one
// statement; a transaction-scoped advisory lock (held for that statement) lets one instance look
// at a time, and the drain itself is serialized in the database, so a second instance's tick
// at the same moment hands nothing out twice.

const OPENING_LOCK = 7_353_002;
export const OPENING_CHECK_MS = Math.max(1, Number(process.env.HOURS_OPENING_CHECK_SECONDS || 15)) * 1000;

/**
 * Queues with working hours that are open at `now` (disabled hours count as always open: turning
 * them off opens them), with auto-assignment on, and with conversations waiting for an agent
 * (no agent, OPEN or WAITING). Empty when another instance is looking at the same moment.
 */
export async function openQueuesWithWaiting(db: Db, now: Date = new Date()): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT q.id
    FROM (SELECT pg_try_advisory_xact_lock(${OPENING_LOCK}) AS locked) l
    JOIN "Queue" q ON l.locked
    WHERE q."workingHoursId" IS NOT NULL AND q."autoAssign"
      AND switchboard_hours_open_manual(q."workingHoursId", ${sqlTimestamp(now)}::timestamp)
      AND EXISTS (SELECT 1 FROM "Conversation" c WHERE c."queueId" = q.id AND c."agentId" IS NULL AND c.status IN ('OPEN', 'WAITING'))
    ORDER BY q.id`;
  return rows.map((r) => r.id);
}

/** One tick: hands out what waits in queues whose hours are open. Returns the queues and how many were assigned. */
export async function handOutAtOpening(db: Db, now: Date = new Date()): Promise<{ queueIds: string[]; assigned: number }> {
  const queueIds = await openQueuesWithWaiting(db, now);
  if (!queueIds.length) return { queueIds, assigned: 0 };
  try {
    return { queueIds, assigned: await drainWaiting(db, { queueIds }) };
  } catch (e) {
    console.error('backlog drain at opening time failed', e);
    return { queueIds, assigned: 0 };
  }
}

/** Starts the opening-time timer once per process (instrumentation.ts, next to the presence sweep). */
export function startHoursOpening(db: () => Db, everyMs = OPENING_CHECK_MS): void {
  const g = globalThis as unknown as { __switchboardHoursOpening?: NodeJS.Timeout };
  if (g.__switchboardHoursOpening) return;
  g.__switchboardHoursOpening = setInterval(() => {
    handOutAtOpening(db()).catch((e) => console.error('opening-time check failed', e));
  }, everyMs);
  g.__switchboardHoursOpening.unref();
}
