import { Prisma } from '../generated/prisma/client';
import type { Tx } from '../db';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/actor';
import { notFound } from './errors';
import { visibleConversationsWhere } from '../access/visibility';
import { publishNow } from '../realtime/outbox';
import type { ConversationRef } from '../validation/conversations';

/**
 * "Unread" for the tab badge: an OPEN or WAITING conversation assigned to the user that they have
 * not opened since it was assigned to them, or since the customer last wrote. Kept in the
 * database, so it agrees across tabs, devices and app instances.
 */
function unreadAssignedTo(userId: string): Prisma.Sql {
  return Prisma.sql`
    FROM "Conversation" c
    LEFT JOIN "ConversationRead" r ON r."conversationId" = c.id AND r."userId" = ${userId}
    WHERE c."agentId" = ${userId} AND c.status IN ('OPEN', 'WAITING')
      AND (r."readAt" IS NULL
        OR r."readAt" < c."assignedAt"
        OR r."readAt" < (SELECT max(m."createdAt") FROM "Message" m WHERE m."conversationId" = c.id AND m.direction = 'INBOUND'))`;
}

export async function countUnreadAssigned(db: Tx, actor: Actor): Promise<number> {
  assertCan(actor, 'conversations.work');
  if (actor.kind !== 'user') return 0;
  const [{ count }] = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count ${unreadAssignedTo(actor.id)}`;
  return count;
}

/** Which of these conversations (a list page) are unread and assigned to the user. One query. */
export async function unreadAmong(db: Tx, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (actor.kind !== 'user' || ids.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT c.id ${unreadAssignedTo(actor.id)} AND c.id IN (${Prisma.join(ids)})`;
  return new Set(rows.map((r) => r.id));
}

/** Records that the user has the conversation in front of them now (conversations.work: the registry's check). */
export async function markConversationRead(db: Tx, actor: Actor, { conversationId }: ConversationRef): Promise<void> {
  if (actor.kind !== 'user') return;
  const visible = await db.conversation.count({ where: { AND: [{ id: conversationId }, visibleConversationsWhere(actor)] } });
  if (!visible) throw notFound();
  const readAt = new Date();
  await db.conversationRead.upsert({
    where: { userId_conversationId: { userId: actor.id, conversationId } },
    create: { userId: actor.id, conversationId, readAt },
    update: { readAt },
  });
  await publishNow([{ type: 'unread', userId: actor.id }]);
}
