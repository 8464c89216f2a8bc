import type { Tx } from '../../db';
import { sqlTimestamp } from '../../db/sql';

/** A queue whose working hours are closed at the instant asked about, with what that means for it. */
export type ClosedQueue = { id: string; assignOutsideHours: boolean; closeConversations: boolean; message: string; everyPeriod: boolean };

/**
 * The queues closed at `now` (a `timestamp(3)` SQL expression), as one JSON array: only queues with
 * enabled working hours can be closed, so this reads a handful of rows. The hours themselves are
 * decided by the SQL function the assignment statements use (migration 20261203105542).
 */
export function closedQueuesSql(now: string): string {
  // Without enabled hours anywhere (most teams), the function is not called at all.
  return `CASE WHEN EXISTS (SELECT 1 FROM "WorkingHours" wh WHERE wh.enabled) THEN switchboard_closed_queues_manual(${now}::timestamp(3)) ELSE '[]'::json END`;
}

export async function loadClosedQueues(tx: Tx, now: Date): Promise<ClosedQueue[]> {
  const [row] = await tx.$queryRawUnsafe<{ closed: ClosedQueue[] }[]>(`SELECT ${closedQueuesSql('$1')} AS closed`, sqlTimestamp(now));
  return row.closed;
}

/** Outside its hours a queue's new conversations wait (or are closed), unless it may assign outside them. */
export function holdsOutsideHours(q: ClosedQueue | undefined): q is ClosedQueue {
  return !!q && !q.assignOutsideHours;
}
