import type { Db, Tx } from '../../db';
import type { Availability } from '../../generated/prisma/enums';
import { setAvailability } from '../presence';
import { GRACE_MS, REASSIGN_AFTER_MS, SWEEP_EVERY_MS, silenceWords } from '../presence-config';
import { unitOfWork } from '../../db/unit-of-work';
import { sqlTimestamp } from '../../db/sql';
import { emit } from '../../realtime/outbox';

// Presence sweep (SPEC §4), in two stages, so a closed tab or a sleeping laptop never strips a
// workload by accident:
//   1. ONLINE or BUSY, silent longer than the grace period → disconnected ("away — disconnected"):
//      availability and status stay as chosen, the conversations stay, auto-assignment skips them
//      (the pick reads "disconnectedAt"); their next heartbeat clears it.
//   2. disconnected and silent longer than PRESENCE_REASSIGN_AFTER_MINUTES (0 = never) → OFFLINE,
//      and their conversations are reassigned with that reason in the timeline.
// Every app instance runs the timer; a transaction-scoped advisory lock lets one sweep at a time.

const SWEEP_LOCK = 7_353_001;

export type SweepOptions = { graceMs?: number; reassignAfterMs?: number };
export type SweepResult = { disconnected: string[]; reassigned: string[] };

export async function sweepSilentAgents(db: Db, now = new Date(), { graceMs = GRACE_MS, reassignAfterMs = REASSIGN_AFTER_MS }: SweepOptions = {}): Promise<SweepResult> {
  const result = await unitOfWork(db, async (tx): Promise<SweepResult> => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS locked`;
    if (!locked) return { disconnected: [], reassigned: [] };
    const disconnected = await markDisconnected(tx, now, graceMs);
    const reassigned = reassignAfterMs > 0 ? await markOffline(tx, now, graceMs, reassignAfterMs) : [];
    return { disconnected, reassigned };
  });
  // After the commit, through the one path every OFFLINE takes (it reassigns even when already OFFLINE).
  const why = `stopped responding for ${silenceWords(reassignAfterMs)}`;
  for (const id of result.reassigned) await setAvailability(db, id, 'OFFLINE', why);
  return result;
}

// Both stages lock the rows they change in id order (FOR UPDATE in the subquery, ORDER BY id), the
// order in which assigners lock agent rows, so a sweep and an assignment never deadlock. A row that
// a heartbeat changed meanwhile is re-checked by PostgreSQL after the lock and drops out.

/**
 * Stage 1. Silence is measured from the last heartbeat, or, for an agent who never sent one (made
 * ACTIVE over the API), from when their availability was set.
 */
async function markDisconnected(tx: Tx, now: Date, graceMs: number): Promise<string[]> {
  const at = sqlTimestamp(now);
  const cutoff = sqlTimestamp(new Date(now.getTime() - graceMs));
  const rows = await tx.$queryRaw<{ id: string; availability: Availability }[]>`
    UPDATE "User" SET "disconnectedAt" = ${at}::timestamp(3)
    WHERE id IN (
      SELECT id FROM "User"
      WHERE availability IN ('ONLINE', 'BUSY') AND "disconnectedAt" IS NULL
        AND COALESCE("lastSeenAt", "availabilityChangedAt") < ${cutoff}::timestamp(3)
      ORDER BY id FOR UPDATE)
    RETURNING id, availability::text AS availability`;
  // Consoles showing them (People, the Assigned Agent dropdown, their own sidebar) re-read.
  for (const r of rows) emit(tx, { type: 'agent', id: r.id, availability: r.availability });
  return rows.map((r) => r.id).sort();
}

/**
 * Stage 2. Silent for the whole window since their last heartbeat, and shown away for at least the
 * part of it after the grace period: after an outage of the app itself (no console could reach it),
 * its first sweep only marks everyone disconnected, and their consoles' next heartbeats bring them
 * back before anyone is reassigned.
 */
async function markOffline(tx: Tx, now: Date, graceMs: number, reassignAfterMs: number): Promise<string[]> {
  const silentSince = sqlTimestamp(new Date(now.getTime() - reassignAfterMs));
  const awaySince = sqlTimestamp(new Date(now.getTime() - Math.max(0, reassignAfterMs - graceMs)));
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "User" SET availability = 'OFFLINE', status = 'AWAY', "availabilityChangedAt" = ${sqlTimestamp(now)}::timestamp(3), "disconnectedAt" = NULL
    WHERE id IN (
      SELECT id FROM "User"
      WHERE availability IN ('ONLINE', 'BUSY') AND "disconnectedAt" IS NOT NULL
        AND "disconnectedAt" <= ${awaySince}::timestamp(3)
        AND COALESCE("lastSeenAt", "availabilityChangedAt") < ${silentSince}::timestamp(3)
      ORDER BY id FOR UPDATE)
    RETURNING id`;
  for (const r of rows) emit(tx, { type: 'agent', id: r.id, availability: 'OFFLINE' });
  return rows.map((r) => r.id).sort();
}

/** Starts the sweep timer once per process (instrumentation.ts). */
export function startPresenceSweep(db: () => Db, everyMs = SWEEP_EVERY_MS): void {
  const g = globalThis as unknown as { __switchboardSweep?: NodeJS.Timeout };
  if (g.__switchboardSweep) return;
  g.__switchboardSweep = setInterval(() => {
    sweepSilentAgents(db()).catch((e) => console.error('presence sweep failed', e));
  }, everyMs);
  g.__switchboardSweep.unref();
}
