// Churn on capacity-bound agents for the concurrency tests (in-process and across processes): each
// worker creates conversations in two inboxes that share the agents, and closes some assigned ones
// as it goes, so creates, claims and backlog drains race on the same agents.
import type { Db } from '../db';
import type { Actor } from '../access/actor';
import { createConversation } from '../domain/conversations/create';
import { updateConversation } from '../domain/conversations/update';
import { DomainError } from '../domain/errors';

export type Churn = { inboxIds: string[]; queueId: string; creates: number; workers: number };

export async function churn(db: Db, actor: Actor, { inboxIds, queueId, creates, workers }: Churn): Promise<void> {
  let made = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (made < creates) {
        const k = made++;
        await createConversation(db, actor, { inboxId: inboxIds[k % inboxIds.length], queueId, topic: `churn ${process.pid}` });
        if (k % 3 !== w % 3) continue;
        const open = await db.conversation.findMany({ where: { queueId, status: 'OPEN', agentId: { not: null } }, select: { id: true }, take: 5 });
        const victim = open[k % Math.max(open.length, 1)];
        if (!victim) continue;
        try {
          await updateConversation(db, actor, { conversationId: victim.id, mode: 'patch', changes: { status: 'CLOSED' } });
        } catch (e) {
          // Another worker closed it first: the refusal is the expected outcome of that race.
          if (!(e instanceof DomainError)) throw e;
        }
      }
    }),
  );
}

/** What must hold after the churn: nobody over capacity, no conversation auto-assigned twice, nothing waiting while someone has room. */
export async function churnFindings(db: Db, { queueId, capacity, agentIds }: { queueId: string; capacity: number; agentIds: string[] }) {
  const rows = await db.conversation.groupBy({ by: ['agentId'], where: { queueId, status: { in: ['OPEN', 'WAITING'] } }, _count: { _all: true } });
  const open = new Map(rows.map((r) => [r.agentId, r._count._all]));
  const [{ twice }] = await db.$queryRaw<{ twice: number }[]>`
    SELECT count(*)::int AS twice FROM (
      SELECT e."conversationId" FROM "TimelineEvent" e JOIN "Conversation" c ON c.id = e."conversationId"
      WHERE c."queueId" = ${queueId} AND e.kind = 'ASSIGNEE_CHANGED' AND e.before->>'agentId' IS NULL
      GROUP BY e."conversationId" HAVING count(*) > 1) s`;
  const [{ mismatched }] = await db.$queryRaw<{ mismatched: number }[]>`
    SELECT count(*)::int AS mismatched FROM "Conversation" c
    WHERE c."queueId" = ${queueId} AND c."agentId" IS DISTINCT FROM (
      SELECT e.after->>'agentId' FROM "TimelineEvent" e WHERE e."conversationId" = c.id AND e.kind = 'ASSIGNEE_CHANGED' ORDER BY e.id DESC LIMIT 1)
      AND EXISTS (SELECT 1 FROM "TimelineEvent" e WHERE e."conversationId" = c.id AND e.kind = 'ASSIGNEE_CHANGED')`;
  return {
    overCapacity: agentIds.filter((id) => (open.get(id) ?? 0) > capacity).length,
    waiting: open.get(null) ?? 0,
    withRoom: agentIds.filter((id) => (open.get(id) ?? 0) < capacity).length,
    assignedTwice: twice,
    timelineDisagrees: mismatched,
    total: await db.conversation.count({ where: { queueId } }),
  };
}
