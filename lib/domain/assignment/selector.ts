import type { Candidate } from './pool';

/**
 * Round robin (SPEC §4). BUSY agents take nothing new. If any candidate is ONLINE, only ONLINE
 * ones take part; otherwise (a new conversation with nobody online) all the others do — callers
 * that must not fall back (reassignment) pass `onlineOnly`. The next one is whoever received a
 * conversation by round robin longest ago (lowest stored turn), then by their fixed position:
 * over a stable pool, counts of any two differ by at most one.
 */
export function pickNext(candidates: Candidate[], opts: { onlineOnly?: boolean } = {}): Candidate | null {
  const open = candidates.filter((c) => c.availability !== 'BUSY');
  const online = open.filter((c) => c.availability === 'ONLINE');
  const pool = online.length || opts.onlineOnly ? online : open;
  let best: Candidate | null = null;
  for (const c of pool) {
    if (!best || c.lastTurn < best.lastTurn || (c.lastTurn === best.lastTurn && (c.position < best.position || (c.position === best.position && c.userId < best.userId)))) {
      best = c;
    }
  }
  return best;
}
