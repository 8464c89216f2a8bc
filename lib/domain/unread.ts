import type { Tx } from '../db';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/actor';
import { notFound } from './errors';
import { visibleConversationsWhere } from './conversations/visibility';

/**
 * "Unread" for the tab badge: an OPEN or WAITING conversation assigned to the user that they have
 * not opened since it was assigned to them, or since the customer last wrote. Kept in the
 * database, so it agrees across tabs, devices and app instances.
 */
export async function countUnreadAssigned(db: Tx, actor: Actor): Promise<number> {
  assertCan(actor, 'conversations.work');
  if (actor.kind !== 'user') return 0;
  const [{ count }] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count
    FROM "Conversation" c
    LEFT JOIN "ConversationRead" r ON r."conversationId" = c.id AND r."userId" = ${actor.id}
    WHERE c."agentId" = ${actor.id} AND c.status IN ('OPEN', 'WAITING')
      AND (r."readAt" IS NULL
        OR r."readAt" < c."assignedAt"
        OR r."readAt" < (SELECT max(m."createdAt") FROM "Message" m WHERE m."conversationId" = c.id AND m.direction = 'INBOUND'))`;
  return count;
}

/** Records that the user has the conversation in front of them now. */
export async function markConversationRead(db: Tx, actor: Actor, conversationId: string): Promise<void> {
  assertCan(actor, 'conversations.work');
  if (actor.kind !== 'user') return;
  const visible = await db.conversation.count({ where: { AND: [{ id: conversationId }, visibleConversationsWhere(actor)] } });
  if (!visible) throw notFound();
  const readAt = new Date();
  await db.conversationRead.upsert({
    where: { userId_conversationId: { userId: actor.id, conversationId } },
    create: { userId: actor.id, conversationId, readAt },
    update: { readAt },
  });
}
