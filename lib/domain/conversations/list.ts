import type { Tx } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor } from '../../auth/actor';
import { visibleConversationsWhere } from './visibility';
import type { ConversationListQuery } from '../../validation/conversations';

export const conversationListInclude = {
  queue: { select: { id: true, name: true } },
  agent: { select: { id: true, name: true, availability: true } },
  inbox: { select: { id: true, name: true, channel: true } },
  customer: { select: { id: true, name: true, email: true, country: true } },
  tags: { select: { tag: { select: { name: true } } }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.ConversationInclude;

export type ConversationListItem = Prisma.ConversationGetPayload<{ include: typeof conversationListInclude }>;

export type ConversationPage = {
  items: ConversationListItem[];
  totalItems: number;
  page: number;
  limit: number;
  orderBy: string;
};

/** One page of the conversations the actor may see. Costs the same few queries whatever the page size. */
export async function listConversations(db: Tx, actor: Actor, query: ConversationListQuery): Promise<ConversationPage> {
  const where: Prisma.ConversationWhereInput = { AND: [visibleConversationsWhere(actor), filtersWhere(query)] };
  const [field, dir] = query.orderBy.split(':') as [keyof typeof SORTABLE, 'asc' | 'desc'];
  const [items, totalItems] = await Promise.all([
    db.conversation.findMany({
      where,
      include: conversationListInclude,
      orderBy: [{ [SORTABLE[field]]: dir }, { id: dir }],
      skip: query.page * query.limit,
      take: query.limit,
    }),
    db.conversation.count({ where }),
  ]);
  return { items, totalItems, page: query.page, limit: query.limit, orderBy: query.orderBy };
}

const SORTABLE = { createdAt: 'createdAt', updatedAt: 'updatedAt', priority: 'priority', status: 'status', closedAt: 'closedAt' } as const;

function range(after?: Date, before?: Date) {
  return after || before ? { ...(after && { gte: after }), ...(before && { lt: before }) } : undefined;
}

function filtersWhere(q: ConversationListQuery): Prisma.ConversationWhereInput {
  const and: Prisma.ConversationWhereInput[] = [];
  if (q.conversationIds?.length) and.push({ id: { in: q.conversationIds } });
  if (q.status?.length) and.push({ status: { in: q.status } });
  if (q.priority?.length) and.push({ priority: { in: q.priority } });
  if (q.channel?.length) and.push({ channel: { in: q.channel } });
  if (q.queueIds?.length) and.push({ queueId: { in: q.queueIds } });
  if (q.inboxId) and.push({ inboxId: q.inboxId });
  if (q.agentId) and.push({ agentId: q.agentId });
  if (q.unassigned !== undefined) and.push({ agentId: q.unassigned ? null : { not: null } });
  if (q.tagNames?.length) and.push({ tags: { some: { tag: { name: { in: q.tagNames } } } } });
  if (q.text) {
    const contains = { contains: q.text, mode: 'insensitive' as const };
    and.push({ OR: [{ topic: contains }, { summary: contains }, { customer: { name: contains } }] });
  }
  const created = range(q.createdAfter, q.createdBefore);
  const updated = range(q.updatedAfter, q.updatedBefore);
  const closed = range(q.closedAfter, q.closedBefore);
  if (created) and.push({ createdAt: created });
  if (updated) and.push({ updatedAt: updated });
  if (closed) and.push({ closedAt: closed });
  return { AND: and };
}

/** How many visible conversations have each status: one grouped query. */
export async function countByStatus(db: Tx, actor: Actor): Promise<Record<string, number>> {
  const rows = await db.conversation.groupBy({ by: ['status'], where: visibleConversationsWhere(actor), _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}
