import type { Tx } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor } from '../../access/actor';
import { notFound } from '../errors';
import { visibleConversationsWhere } from '../../access/visibility';
import { conversationListInclude } from './list';

export const conversationDetailInclude = {
  ...conversationListInclude,
  customer: true,
} satisfies Prisma.ConversationInclude;

export type ConversationDetail = Prisma.ConversationGetPayload<{ include: typeof conversationDetailInclude }>;

/** One conversation the actor may see, or 404 (never 403: its existence is not revealed). */
export async function getConversation(db: Tx, actor: Actor, { conversationId: id }: { conversationId: string }): Promise<ConversationDetail> {
  const c = await db.conversation.findFirst({
    where: { AND: [{ id }, visibleConversationsWhere(actor)] },
    include: conversationDetailInclude,
  });
  if (!c) throw notFound();
  return c;
}

/** Internal: a conversation by id with no visibility check, for returning what the caller just created or changed. */
export async function loadConversation(db: Tx, id: string): Promise<ConversationDetail> {
  const c = await db.conversation.findUnique({ where: { id }, include: conversationDetailInclude });
  if (!c) throw notFound();
  return c;
}

export async function getTimeline(db: Tx, actor: Actor, { conversationId: id }: { conversationId: string }) {
  await getConversation(db, actor, { conversationId: id });
  return db.timelineEvent.findMany({ where: { conversationId: id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}
