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
  return `(SELECT COALESCE(json_agg(json_build_object('id', q.id, 'assignOutsideHours', q."assignOutsideHours",
      'closeConversations', w."closeConversations", 'message', w.message, 'everyPeriod', w."sendAwayMessageEveryOOWHPeriod")), '[]'::json)
    FROM "Queue" q JOIN "WorkingHours" w ON w.id = q."workingHoursId"
    WHERE w.enabled AND NOT switchboard_hours_open_manual(w.id, ${now}::timestamp(3)))`;
}

export async function loadClosedQueues(tx: Tx, now: Date): Promise<ClosedQueue[]> {
  const [row] = await tx.$queryRawUnsafe<{ closed: ClosedQueue[] }[]>(`SELECT ${closedQueuesSql('$1')} AS closed`, sqlTimestamp(now));
  return row.closed;
}

/** Outside its hours a queue's new conversations wait (or are closed), unless it may assign outside them. */
export function holdsOutsideHours(q: ClosedQueue | undefined): q is ClosedQueue {
  return !!q && !q.assignOutsideHours;
}
