import type { Db } from '../../db';
import { setAvailability } from '../presence';
import { unitOfWork } from '../../db/unit-of-work';
import { emit } from '../../realtime/outbox';

// Presence sweep (SPEC §4): agents ONLINE or BUSY whose console has been silent longer than the
// grace period are set OFFLINE, and their conversations move on as if they had gone offline.
// Every app instance runs the timer; a transaction-scoped advisory lock lets one sweep at a time.

const SWEEP_LOCK = 7_353_001;
export const GRACE_MS = Number(process.env.PRESENCE_GRACE_SECONDS || 90) * 1000;

export async function sweepSilentAgents(db: Db, now = new Date(), graceMs = GRACE_MS): Promise<string[]> {
  const silent = await unitOfWork(db, async (tx) => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS locked`;
    if (!locked) return [];
    const cutoff = new Date(now.getTime() - graceMs);
    const rows = await tx.user.findMany({
      where: { availability: { in: ['ONLINE', 'BUSY'] }, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: cutoff } }] },
      select: { id: true },
    });
    // Mark them inside the lock so a concurrent sweep on another instance cannot pick them too.
    await tx.user.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { availability: 'OFFLINE', availabilityChangedAt: now } });
    for (const r of rows) emit(tx, { type: 'agent', id: r.id, availability: 'OFFLINE' });
    return rows.map((r) => r.id);
  });
  for (const id of silent) await setAvailability(db, id, 'OFFLINE', 'stopped responding');
  return silent;
}

/** Starts the sweep timer once per process (instrumentation.ts). */
export function startPresenceSweep(db: () => Db, everyMs = Math.max(5_000, Math.min(GRACE_MS / 3, 30_000))): void {
  const g = globalThis as unknown as { __switchboardSweep?: NodeJS.Timeout };
  if (g.__switchboardSweep) return;
  g.__switchboardSweep = setInterval(() => {
    sweepSilentAgents(db()).catch((e) => console.error('presence sweep failed', e));
  }, everyMs);
  g.__switchboardSweep.unref();
}
