import type { Db, Tx } from '../../db';
import type { Actor } from '../../auth/actor';
import { assertCan } from '../../auth/actor';
import type { Channel } from '../../generated/prisma/enums';
import { createConversationSchema, type CreateConversationInput } from '../../validation/conversations';
import { parseOrThrow } from '../errors';
import { recordTimeline } from '../timeline';
import { findOrCreateCustomer } from '../customers';
import { ensureTags } from '../tags';
import { assertAgent, assertInbox, assertQueue } from './references';
import { afterConversationCreated } from './hooks';
import { loadConversation, type ConversationDetail } from './get';
import { transaction } from '../../realtime/outbox';

/** Creates a conversation with its customer, tags and first inbound message, then runs the routing/assignment seam. */
export async function createConversation(db: Db, actor: Actor, input: unknown): Promise<ConversationDetail> {
  assertCan(actor, 'conversations.work');
  const data = parseOrThrow(createConversationSchema, input);
  const id = await transaction(db, (tx) => createConversationTx(tx, actor, data));
  // The creator gets back what they made, even when routing put it where they cannot see it.
  return loadConversation(db, id);
}

export async function createConversationTx(tx: Tx, actor: Actor, data: CreateConversationInput): Promise<string> {
  const inbox = await resolveInbox(tx, data.inboxId, data.channel);
  await assertQueue(tx, data.queueId);
  await assertAgent(tx, data.agentId);
  const customerId = data.customer ? await findOrCreateCustomer(tx, data.customer) : undefined;
  const channel: Channel = data.channel ?? inbox?.channel ?? 'NO_CHANNEL';
  const now = new Date();
  const status = data.status ?? 'OPEN';
  const conversation = await tx.conversation.create({
    data: {
      topic: data.topic,
      summary: data.summary,
      status,
      priority: data.priority ?? 'NORMAL',
      channel,
      inboxId: inbox?.id,
      customerId,
      queueId: data.queueId ?? undefined,
      queuedAt: data.queueId ? now : undefined,
      agentId: data.agentId ?? undefined,
      assignedAt: data.agentId ? now : undefined,
      closedAt: status === 'CLOSED' ? now : undefined,
    },
  });
  const tags = await ensureTags(tx, data.tags ?? []);
  if (tags.length) await tx.conversationTag.createMany({ data: tags.map((t) => ({ conversationId: conversation.id, tagId: t.id })) });
  if (data.message) {
    await tx.message.create({
      data: {
        conversationId: conversation.id,
        direction: 'INBOUND',
        channel,
        from: data.message.from,
        to: data.message.to,
        text: data.message.text,
        attributes: (data.message.attributes ?? {}) as object,
        authorType: 'CUSTOMER',
      },
    });
  }
  await recordTimeline(tx, conversation.id, actor, [
    {
      kind: 'CREATED',
      after: {
        status: conversation.status,
        priority: conversation.priority,
        channel,
        inboxId: conversation.inboxId,
        queueId: conversation.queueId,
        agentId: conversation.agentId,
        tags: tags.map((t) => t.name),
      },
    },
  ]);
  // Created CLOSED (e.g. an import), it is final: nothing routes or assigns it.
  if (status !== 'CLOSED') await afterConversationCreated(tx, conversation.id, actor, { queueGiven: !!data.queueId });
  return conversation.id;
}

/** The inbox asked for; else the oldest inbox of the channel; else the default inbox; else none. */
async function resolveInbox(tx: Tx, inboxId: string | undefined, channel: Channel | undefined) {
  if (inboxId) return assertInbox(tx, inboxId);
  if (channel && channel !== 'NO_CHANNEL') {
    const byChannel = await tx.inbox.findFirst({ where: { channel }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    if (byChannel) return byChannel;
  }
  return tx.inbox.findFirst({ where: { isDefault: true } });
}
