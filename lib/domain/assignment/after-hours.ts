import type { Tx } from '../../db';
import type { Channel, ConversationStatus } from '../../generated/prisma/enums';
import { systemActor } from '../../access/actor';
import { sqlTimestamp } from '../../db/sql';
import { noteConversation } from '../../realtime/outbox';
import { recordTimeline } from '../timeline';
import { nextOpening, type ClockHours } from '../working-hours-clock';

// Out of office (issue 13), for conversations that exist: a customer writes, or a conversation is
// routed, while its queue's working hours are closed and the queue does not assign outside them.
// Then the customer gets the hours' message once per conversation (or once per closed period with
// sendAwayMessageEveryOOWHPeriod), and with closeConversations a conversation still waiting for
// an agent is closed. One assigned to an agent is never closed by this: it is not waiting, its
// agent has it in hand. Runs in the caller's transaction, which holds (or here takes) the row lock.

export const AWAY_REASON = 'outside working hours';
export const CLOSED_REASON = 'closed: outside working hours';

type Row = {
  status: ConversationStatus;
  agentId: string | null;
  channel: Channel;
  awayNoticeAt: string | null;
  assignOutsideHours: boolean;
  open: boolean;
  enabled: boolean;
  timezone: string;
  workWeek: unknown;
  message: string;
  closeConversations: boolean;
  sendAwayMessageEveryOOWHPeriod: boolean;
  holidays: { startDate: string; endDate: string; enabled: boolean }[] | null;
};

export type OutOfHoursOutcome = { messageId: string | null; closed: boolean };

const NOTHING: OutOfHoursOutcome = { messageId: null, closed: false };

/**
 * Sends the away message and/or closes, as the conversation's queue's working hours say; nothing
 * when the conversation has no queue, the queue no (or disabled) hours, they are open at `now`,
 * the queue assigns outside hours, or the conversation is CLOSED. One statement when nothing is
 * due. "Open" is the SQL function's answer, the one the assignment statements use.
 */
export async function outOfHoursNotice(tx: Tx, conversationId: string, now: Date = new Date()): Promise<OutOfHoursOutcome> {
  const at = sqlTimestamp(now);
  // awayNoticeAt read as ISO UTC text (sqlTimestampText's format): the drivers disagree on timestamp columns.
  const [row] = await tx.$queryRaw<Row[]>`
    SELECT c.status, c."agentId", c.channel, to_char(c."awayNoticeAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "awayNoticeAt",
           q."assignOutsideHours", switchboard_hours_open_manual(w.id, ${at}::timestamp) AS open,
           w.enabled, w.timezone, w."workWeek", w.message, w."closeConversations", w."sendAwayMessageEveryOOWHPeriod",
           -- Holidays matter only to "has it opened since the last notice".
           CASE WHEN w."sendAwayMessageEveryOOWHPeriod" AND c."awayNoticeAt" IS NOT NULL THEN (
             SELECT COALESCE(json_agg(json_build_object('startDate', h."startDate"::text, 'endDate', h."endDate"::text, 'enabled', h.enabled)), '[]'::json)
             FROM "WorkingHoursHoliday" h WHERE h."workingHoursId" = w.id) END AS holidays
    FROM "Conversation" c
    JOIN "Queue" q ON q.id = c."queueId"
    JOIN "WorkingHours" w ON w.id = q."workingHoursId"
    WHERE c.id = ${conversationId}
    FOR NO KEY UPDATE OF c`;
  if (!row || row.open || row.assignOutsideHours || row.status === 'CLOSED') return NOTHING;

  const send = row.message.trim() !== '' && noticeDue(row, now);
  const close = row.closeConversations && !row.agentId;
  if (!send && !close) return NOTHING;

  const actor = systemActor(AWAY_REASON);
  let messageId: string | null = null;
  if (send) {
    const message = await tx.message.create({
      data: { conversationId, direction: 'OUTBOUND', channel: row.channel, text: row.message, authorType: 'SYSTEM', createdAt: now },
      select: { id: true },
    });
    messageId = message.id;
    noteConversation(tx, conversationId, actor, 'message');
  }
  await tx.conversation.update({
    where: { id: conversationId },
    data: { updatedAt: now, ...(send && { awayNoticeAt: now }), ...(close && { status: 'CLOSED', closedAt: now }) },
  });
  if (close) {
    await recordTimeline(tx, conversationId, actor, [{ kind: 'STATUS_CHANGED', before: { status: row.status }, after: { status: 'CLOSED' }, reason: CLOSED_REASON }]);
  }
  return { messageId, closed: close };
}

/** Never sent: due. Sent before: due again only per closed period, once the hours have been open since. */
function noticeDue(row: Row, now: Date): boolean {
  if (!row.awayNoticeAt) return true;
  if (!row.sendAwayMessageEveryOOWHPeriod) return false;
  const hours: ClockHours = { enabled: row.enabled, timezone: row.timezone, workWeek: row.workWeek, holidays: row.holidays ?? [] };
  const opened = nextOpening(hours, new Date(row.awayNoticeAt));
  return opened !== null && opened.getTime() <= now.getTime();
}
