import type { Db, Tx } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor } from '../../access/actor';
import type { z } from 'zod';
import type { addTagRequestSchema, conversationTagSchema, createTagSchema, tagListQuerySchema, tagRefSchema } from '../../validation/conversations';
import { DomainError } from '../errors';
import { actorColumns, recordTimeline } from '../timeline';
import { isForeignKeyViolation, sqlTimestamp } from '../../db/sql';
import { noteTimeline } from '../../realtime/outbox';
import { ensureTags } from '../tags';
import { lockVisibleConversation } from './access';
import { getConversation } from './get';
import { unitOfWork } from '../../db/unit-of-work';
import { audit } from '../audit';

/** Adds a tag (created when new). Adding a tag the conversation already has changes nothing. */
export async function addConversationTag(db: Db, actor: Actor, input: z.output<typeof addTagRequestSchema>): Promise<{ added: boolean; name: string }> {
  try {
    return await addTagOnce(db, actor, input);
  } catch (e) {
    // The tag was deleted everywhere between our read and our insert (DELETE /tags/{tagName}): once more, which re-creates it.
    if (!isForeignKeyViolation(e)) throw e;
    return addTagOnce(db, actor, input);
  }
}

function addTagOnce(db: Db, actor: Actor, { conversationId, tagName }: z.output<typeof addTagRequestSchema>): Promise<{ added: boolean; name: string }> {
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

/**
 * Deletes a tag everywhere: it leaves every conversation that had it (closed ones too: the tag no
 * longer exists), each of which gets a TAG_REMOVED entry and a realtime note. Four statements
 * whatever the count: lock the tag, write all timeline entries and touch the conversations in one
 * INSERT … SELECT, delete the tag (its ConversationTag rows go with it), and the outbox's one read
 * before commit.
 */
export async function deleteTag(db: Db, actor: Actor, { tagName }: z.output<typeof tagRefSchema>): Promise<{ name: string; conversations: number }> {
  return unitOfWork(db, async (tx) => {
    const [tag] = await tx.$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM "Tag" WHERE name = ${tagName} FOR UPDATE`;
    if (!tag) throw new DomainError('NOT_FOUND', `Invalid tagName '${tagName}' given! No such entity exists.`);
    const who = actorColumns(actor);
    const reason = actor.kind === 'system' ? actor.reason : `tag ${tag.name} was deleted`;
    const before = JSON.stringify({ tag: tag.name });
    const now = sqlTimestamp(new Date());
    const affected = await tx.$queryRaw<{ id: string }[]>`
      WITH affected AS (SELECT "conversationId" AS id FROM "ConversationTag" WHERE "tagId" = ${tag.id}),
      events AS (
        INSERT INTO "TimelineEvent" (id, "conversationId", kind, "actorKind", "actorUserId", "actorApiKeyId", "actorName", reason, before, "createdAt")
        SELECT gen_random_uuid()::text, id, 'TAG_REMOVED'::"TimelineKind", ${who.actorKind}::"ActorKind", ${'actorUserId' in who ? who.actorUserId : null}::text,
               ${'actorApiKeyId' in who ? who.actorApiKeyId : null}::text, ${who.actorName}::text, ${reason}::text, ${before}::jsonb, ${now}::timestamp(3)
        FROM affected),
      touched AS (UPDATE "Conversation" SET "updatedAt" = ${now}::timestamp(3) WHERE id IN (SELECT id FROM affected))
      SELECT id FROM affected`;
    await tx.tag.delete({ where: { id: tag.id } });
    await audit(tx, actor, { entity: 'TAG', entityId: tag.id, entityName: tag.name, action: 'delete', before: { name: tag.name, conversations: affected.length } });
    for (const c of affected) noteTimeline(tx, c.id, actor, [{ kind: 'TAG_REMOVED', before: { tag: tag.name } }]);
    return { name: tag.name, conversations: affected.length };
  });
}
