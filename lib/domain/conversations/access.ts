import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { closedConversation, notFound } from '../errors';
import { visibleConversationsWhere } from '../../access/visibility';

/**
 * Takes the conversation's row lock for the rest of the transaction, then checks the actor may
 * see it (404 otherwise, SPEC §2) and, for changes, that it is not CLOSED. Everything decided
 * afterwards in the transaction sees the row as it is now, not a stale copy. (NO KEY UPDATE: it
 * serializes writers without blocking, or deadlocking with, inserts of rows that reference it.)
 */
export async function lockVisibleConversation(tx: Tx, actor: Actor, id: string, opts: { forChange: boolean }) {
  await tx.$queryRaw`SELECT id FROM "Conversation" WHERE id = ${id} FOR NO KEY UPDATE`;
  const conversation = await tx.conversation.findFirst({ where: { AND: [{ id }, visibleConversationsWhere(actor)] } });
  if (!conversation) throw notFound();
  if (opts.forChange && conversation.status === 'CLOSED') throw closedConversation();
  return conversation;
}
