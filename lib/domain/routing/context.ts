import type { Tx } from '../../db';
import type { RoutingContext } from './compile';

type ConversationForRouting = {
  id: string;
  channel: string;
  priority: string;
  topic: string | null;
  inboxId: string | null;
  metadata?: unknown;
  customer: { name: string | null; email: string | null; phone: string | null; country: string | null; attributes: unknown } | null;
  tags: { tag: { name: string } }[];
};

const asRecord = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function contextOf(c: ConversationForRouting, latestInbound: { text: string; channel: string; from: string | null; attributes: unknown } | null): RoutingContext {
  return {
    message: latestInbound
      ? { text: latestInbound.text, channel: latestInbound.channel, from: latestInbound.from, attributes: asRecord(latestInbound.attributes) }
      : null,
    customer: c.customer ? { ...c.customer, attributes: asRecord(c.customer.attributes) } : null,
    conversation: { channel: c.channel, priority: c.priority, topic: c.topic, inboxId: c.inboxId, metadata: asRecord(c.metadata) },
    tags: c.tags.map((t) => t.tag.name),
  };
}

export const routingInclude = { customer: true, tags: { select: { tag: { select: { name: true } } } } } as const;

/** SPEC §3: routing sees the latest inbound message, the customer, the tags and the metadata, as they are now. */
export async function loadRoutingContexts(tx: Tx, ids: string[]): Promise<Map<string, RoutingContext>> {
  const [conversations, messages] = await Promise.all([
    tx.conversation.findMany({ where: { id: { in: ids } }, include: routingInclude }),
    tx.message.findMany({
      where: { conversationId: { in: ids }, direction: 'INBOUND' },
      orderBy: [{ conversationId: 'asc' }, { createdAt: 'desc' }, { id: 'desc' }],
      distinct: ['conversationId'],
      select: { conversationId: true, text: true, channel: true, from: true, attributes: true },
    }),
  ]);
  const latest = new Map(messages.map((m) => [m.conversationId, m]));
  return new Map(conversations.map((c) => [c.id, contextOf(c, latest.get(c.id) ?? null)]));
}
