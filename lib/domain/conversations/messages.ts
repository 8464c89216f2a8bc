import type { Db, Tx } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor } from '../../access/actor';
import type { z } from 'zod';
import type { createMessageRequestSchema, messageListRequestSchema } from '../../validation/conversations';
import { lockVisibleConversation } from './access';
import { getConversation } from './get';
import { unitOfWork } from '../../db/unit-of-work';
import { noteConversation } from '../../realtime/outbox';
import { outOfHoursNotice } from '../assignment/after-hours';
import { wakeOnInbound } from './snooze';
import { closedConversation, DomainError } from '../errors';
import { SqlParams } from '../../db/sql-params';
import { sqlTimestamp } from '../../db/sql';
import { appendWordsSql } from './search-sql';

export async function listMessages(db: Tx, actor: Actor, { conversationId, ...q }: z.output<typeof messageListRequestSchema>) {
  await getConversation(db, actor, { conversationId });
  const where: Prisma.MessageWhereInput = {
    conversationId,
    ...(q.messageIds?.length && { id: { in: q.messageIds } }),
    ...(q.channel && { channel: q.channel }),
    ...(q.direction && { direction: q.direction }),
    ...((q.createdAfter || q.createdBefore) && { createdAt: { ...(q.createdAfter && { gte: q.createdAfter }), ...(q.createdBefore && { lt: q.createdBefore }) } }),
  };
  const dir = q.orderBy.endsWith(':desc') ? 'desc' : 'asc';
  const [messages, totalItems] = await Promise.all([
    db.message.findMany({
      where,
      orderBy: [{ createdAt: dir }, { id: dir }],
      skip: q.page * q.limit,
      take: q.limit,
      include: { author: { select: { id: true, name: true } } },
    }),
    db.message.count({ where }),
  ]);
  return { messages, totalItems, page: q.page, limit: q.limit, orderBy: q.orderBy };
}

/**
 * The waiting clock (schema.prisma, Conversation.waitingSince) after a message: the customer
 * writing starts it unless it runs already; an answer by an agent or a bot stops it. A SYSTEM
 * message (the away notice) is no answer and leaves it be.
 */
function waitingClock(conversation: { waitingSince: Date | null }, message: { direction: string; authorType: string; createdAt: Date }) {
  if (message.direction === 'INBOUND') return { lastInboundAt: message.createdAt, waitingSince: conversation.waitingSince ?? message.createdAt };
  return message.authorType === 'AGENT' || message.authorType === 'BOT' ? { waitingSince: null } : {};
}

/** A message's mark on its conversation: updatedAt, the waiting clock and the message's search words. */
async function touchConversation(tx: Tx, id: string, at: Date, clock: ReturnType<typeof waitingClock>, text: string) {
  const p = new SqlParams();
  const time = (d: Date | null | undefined) => (d ? `${p.add(sqlTimestamp(d))}::timestamp(3)` : 'NULL');
  const words = `${p.add(text)}::text`;
  // The column itself when no word is new: a large document is then not written again.
  const set = [
    `"updatedAt" = ${time(at)}`,
    `"searchDoc" = CASE WHEN length(${appendWordsSql('"searchDoc"', words)}) > length("searchDoc") THEN ${appendWordsSql('"searchDoc"', words)} ELSE "searchDoc" END`,
  ];
  if ('lastInboundAt' in clock) set.push(`"lastInboundAt" = ${time(clock.lastInboundAt)}`);
  if ('waitingSince' in clock) set.push(`"waitingSince" = ${time(clock.waitingSince)}`);
  await tx.$executeRawUnsafe(`UPDATE "Conversation" SET ${set.join(', ')} WHERE id = ${p.add(id)}::text`, ...p.values);
}

/**
 * Adds a message. INBOUND is the customer writing (API only); OUTBOUND is an agent (UI or API) or,
 * for an API key, a bot. Refused on CLOSED conversations. An INBOUND one outside the queue's
 * working hours may bring the away message (assignment/after-hours.ts).
 */
export async function addMessage(db: Db, actor: Actor, { conversationId, clientMessageId, ...m }: z.output<typeof createMessageRequestSchema>) {
  return unitOfWork(db, async (tx) => {
    const conversation = await lockVisibleConversation(tx, actor, conversationId, { forChange: false });
    // A retry (double click, lost answer) carries the key of the first try. Under the row lock, the
    // first one's message is committed by the time this reads; the unique index is the backstop.
    if (clientMessageId) {
      const stored = await tx.message.findFirst({ where: { conversationId, clientMessageId }, include: { author: { select: { id: true, name: true } } } });
      if (stored) {
        if (stored.text !== m.content.text) {
          throw new DomainError('CONFLICT', 'This clientMessageId was already used for another message.', { clientMessageId: ['Used with another text.'] });
        }
        return stored;
      }
    }
    if (conversation.status === 'CLOSED') throw closedConversation();
    const outbound = m.direction === 'OUTBOUND';
    const authorType = !outbound ? 'CUSTOMER' : actor.kind === 'apiKey' ? 'BOT' : actor.kind === 'system' ? 'SYSTEM' : 'AGENT';
    const createdAt = new Date();
    // The conversation first, with the message's search words: the message's own trigger
    // (search-sql.ts) then finds no new word, and the row is written once per message.
    await touchConversation(tx, conversationId, createdAt, waitingClock(conversation, { direction: m.direction, authorType, createdAt }), m.content.text);
    const message = await tx.message.create({
      data: {
        createdAt,
        conversationId,
        direction: m.direction,
        channel: m.channel ?? conversation.channel,
        from: m.from,
        to: m.to,
        text: m.content.text,
        attributes: (m.content.quickReplies ? { ...m.attributes, quickReplies: m.content.quickReplies } : (m.attributes ?? {})) as Prisma.InputJsonObject,
        authorType,
        authorId: outbound && actor.kind === 'user' ? actor.id : null,
        authorApiKeyId: outbound && actor.kind === 'apiKey' ? actor.id : null,
        clientMessageId: clientMessageId ?? null,
      },
      include: { author: { select: { id: true, name: true } } },
    });
    noteConversation(tx, conversationId, actor, 'message');
    // A customer writing outside the queue's working hours hears so (and may find it closed).
    // A millisecond after theirs, so the answer lists after the question. No queue: no hours.
    // The customer writing ends a snooze at once (snooze.ts).
    if (!outbound) await wakeOnInbound(tx, conversation);
    if (!outbound && conversation.queueId) await outOfHoursNotice(tx, conversationId, new Date(Math.max(Date.now(), message.createdAt.getTime() + 1)));
    return message;
  });
}
