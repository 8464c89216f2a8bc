import type { Tx } from '../../db';
import type { Channel } from '../../generated/prisma/enums';
import { sqlTimestamp } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { pickAgentCtes } from './pick-sql';

/** What auto-assignment would do now, in words: who, and by which rule, or why it would wait. */
export type AssignmentPreview = { agentId: string | null; agentName: string | null; reason: string };

type Preview = {
  inbox: { name: string; autoAssign: boolean } | null;
  queue: { name: string; autoAssign: boolean } | null;
  gate: boolean;
  candidates: number;
  free: number;
  pick: { userId: string; name: string; reason: string } | null;
};

/**
 * The simulator's and what-if's assignment step (SPEC §3, §4): the same statement the assigners
 * run (pick-sql.ts), read only — no turn advances, nothing is claimed. The inbox is the
 * conversation's, or for a typed sample the one a create would choose (named, else the oldest of
 * its channel, else the default).
 */
export async function previewAssignment(
  tx: Tx,
  at: { inboxId?: string | null; channel?: Channel | null; queueId: string | null; customerId?: string | null; conversationId?: string },
): Promise<AssignmentPreview> {
  const p = new SqlParams();
  const ts = p.add(sqlTimestamp(new Date()));
  const inbox = `(SELECT id FROM target)`;
  const queue = p.add(at.queueId);
  const ctes = pickAgentCtes(p, {
    enabled: true,
    inbox,
    queue,
    customer: p.add(at.customerId ?? null),
    now: ts,
    conversation: at.conversationId ? p.add(at.conversationId) : undefined,
  });
  const [row] = await tx.$queryRawUnsafe<Preview[]>(
    `WITH target AS (
       SELECT COALESCE(${p.add(at.inboxId ?? null)}::text,
         (SELECT id FROM "Inbox" WHERE channel = ${p.add(at.channel && at.channel !== 'NO_CHANNEL' ? at.channel : null)}::"Channel" ORDER BY "createdAt", id LIMIT 1),
         (SELECT id FROM "Inbox" WHERE "isDefault" ORDER BY "createdAt", id LIMIT 1)) AS id),
     ${ctes}
     SELECT (SELECT json_build_object('name', name, 'autoAssign', "autoAssign") FROM "Inbox" WHERE id = (SELECT id FROM target)) AS inbox,
       (SELECT json_build_object('name', name, 'autoAssign', "autoAssign") FROM "Queue" WHERE id = ${queue}::text) AS queue,
       (SELECT gate FROM policy) AS gate,
       (SELECT count(*)::int FROM cand) AS candidates,
       (SELECT count(*)::int FROM free) AS free,
       (SELECT row_to_json(pick) FROM pick) AS pick`,
    ...p.values,
  );
  return describe(row);
}

function describe(r: Preview): AssignmentPreview {
  const waits = (reason: string): AssignmentPreview => ({ agentId: null, agentName: null, reason: `${reason}: waits unassigned` });
  if (r.pick) return { agentId: r.pick.userId, agentName: r.pick.name, reason: r.pick.reason };
  if (!r.inbox) return waits('no inbox');
  if (!r.inbox.autoAssign) return waits(`auto-assignment is off in ${r.inbox.name}`);
  if (r.queue && !r.queue.autoAssign) return waits(`auto-assignment is off in queue ${r.queue.name}`);
  if (!r.gate) return waits('outside working hours');
  if (r.candidates === 0) return waits('nobody eligible is available (busy, away or not a member)');
  return waits('everyone eligible is at capacity');
}
