import type { Db, Tx } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor } from '../../access/actor';
import type { z } from 'zod';
import type { addTagRequestSchema, conversationTagSchema, createTagSchema, tagListQuerySchema } from '../../validation/conversations';
import { DomainError } from '../errors';
import { recordTimeline } from '../timeline';
import { ensureTags } from '../tags';
import { lockVisibleConversation } from './access';
import { getConversation } from './get';
import { unitOfWork } from '../../db/unit-of-work';

/** Adds a tag (created when new). Adding a tag the conversation already has changes nothing. */
export async function addConversationTag(db: Db, actor: Actor, { conversationId, tagName }: z.output<typeof addTagRequestSchema>): Promise<{ added: boolean; name: string }> {
  return unitOfWork(db, async (tx) => {
    await lockVisibleConversation(tx, actor, conversationId, { forChange: true });
    const [tag] = await ensureTags(tx, [tagName]);
    const { count } = await tx.conversationTag.createMany({ data: [{ conversationId, tagId: tag.id }], skipDuplicates: true });
    if (count) {
      await recordTimeline(tx, conversationId, actor, [{ kind: 'TAG_ADDED', after: { tag: tag.name } }]);
      await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } });
    }
    return { added: count === 1, name: tag.name };
  });
}

/** Removes a tag from a conversation; the tag itself and the conversation stay. */
export async function removeConversationTag(db: Db, actor: Actor, { conversationId, tagName: name }: z.output<typeof conversationTagSchema>): Promise<void> {
  await unitOfWork(db, async (tx) => {
    await lockVisibleConversation(tx, actor, conversationId, { forChange: true });
    const { count } = await tx.conversationTag.deleteMany({ where: { conversationId, tag: { name } } });
    if (!count) throw new DomainError('NOT_FOUND', `The conversation has no tag "${name}".`);
    await recordTimeline(tx, conversationId, actor, [{ kind: 'TAG_REMOVED', before: { tag: name } }]);
    await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } });
  });
}

export async function createTag(db: Db, _actor: Actor, { name }: z.output<typeof createTagSchema>) {
  const [tag] = await ensureTags(db, [name]);
  return db.tag.findUniqueOrThrow({ where: { id: tag.id } });
}

export async function listTags(db: Tx, actor: Actor, q: z.output<typeof tagListQuerySchema>) {
  if (q.conversationId) await getConversation(db, actor, { conversationId: q.conversationId });
  const where: Prisma.TagWhereInput = {
    ...(q.conversationId && { conversations: { some: { conversationId: q.conversationId } } }),
    ...(q.name && { name: { contains: q.name, mode: 'insensitive' as const } }),
  };
  const [field, dir] = q.orderBy.split(':') as ['name' | 'createdAt', 'asc' | 'desc'];
  const [tags, totalItems] = await Promise.all([
    db.tag.findMany({ where, orderBy: [{ [field]: dir }, { id: 'asc' }], skip: q.page * q.limit, take: q.limit }),
    db.tag.count({ where }),
  ]);
  return { tags, totalItems, page: q.page, limit: q.limit, orderBy: q.orderBy };
}
