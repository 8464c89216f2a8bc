// Presence timings (SPEC §4), read once from the environment. Server only: the console's heartbeat
// interval is handed to the browser by the layout, so the two can never disagree.

function seconds(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, got "${raw}".`);
  return n;
}

/** Silent longer than this: away — disconnected (keeps the chosen status and the conversations). */
export const GRACE_MS = Math.max(1, seconds('PRESENCE_GRACE_SECONDS', 90)) * 1000;

/** Silent longer than this: OFFLINE and reassigned. 0 = never. */
export const REASSIGN_AFTER_MS = seconds('PRESENCE_REASSIGN_AFTER_MINUTES', 15) * 60_000;

/** A few heartbeats fit in the grace period, so one late or lost request never marks anyone away. */
export const HEARTBEAT_EVERY_MS = Math.max(1_000, Math.min(20_000, Math.floor(GRACE_MS / 4)));

/** How often each instance tries to sweep (one sweeps at a time): a disconnect shows within grace + this. */
export const SWEEP_EVERY_MS = Math.max(1_000, Math.min(30_000, Math.floor(GRACE_MS / 4)));

/** "15 minutes", "30 seconds": how long an agent was silent, for the timeline's reason. */
export function silenceWords(ms: number): string {
  if (ms >= 60_000) {
    const m = Math.round(ms / 60_000);
    return `${m} minute${m === 1 ? '' : 's'}`;
  }
  const s = Math.max(1, Math.round(ms / 1000));
  return `${s} second${s === 1 ? '' : 's'}`;
}
