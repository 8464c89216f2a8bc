import type { Tx } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type { Actor } from '../access/actor';
import type { Channel } from '../generated/prisma/enums';
import type { InboxListQuery } from '../validation/customers';

// GET /ccaas/1/inboxes (an extension): the inboxes an API client needs to create conversations in
// (ids, names, channels) and their assignment switches. Every inbox is listed to anyone who works
// conversations, as the console's inbox filter lists them; collaborators stay on the admin page.

export type InboxDirectoryRow = {
  id: string;
  name: string;
  channel: Channel;
  isDefault: boolean;
  autoAssign: boolean;
  reassignOnOffline: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** One page of inboxes and the total: two queries, whatever the page. */
export async function listInboxDirectory(db: Tx, _actor: Actor, q: InboxListQuery) {
  const where: Prisma.InboxWhereInput = {
    ...(q.channel?.length && { channel: { in: q.channel } }),
    ...(q.name && { name: { contains: q.name, mode: 'insensitive' as const } }),
  };
  const [field, dir] = q.orderBy.split(':') as ['name' | 'createdAt', 'asc' | 'desc'];
  const [inboxes, totalItems] = await Promise.all([
    db.inbox.findMany({
      where,
      orderBy: [{ [field]: dir }, { id: 'asc' }],
      skip: q.page * q.limit,
      take: q.limit,
      select: { id: true, name: true, channel: true, isDefault: true, autoAssign: true, reassignOnOffline: true, createdAt: true, updatedAt: true },
    }),
    db.inbox.count({ where }),
  ]);
  return { inboxes: inboxes satisfies InboxDirectoryRow[], totalItems, page: q.page, limit: q.limit, orderBy: q.orderBy };
}
