import type { Db } from '../../db';
import type { Actor } from '../../access/actor';
import type { ConversationListItem } from './list';
import { countByStatus, listConversations } from './list';
import type { Availability, Channel, ConversationStatus, Priority } from '../../generated/prisma/enums';
import { toListQuery, type InboxFilters } from '../../query/inbox-filters';
import { unreadAmong } from '../unread';
import { visibleConversationsWhere } from '../../access/visibility';

// The inbox list as plain, serialisable data: read once by the server-rendered page and again by
// the client's query (through listConversationsAction), so both see the very same shape.

export type ConversationRow = {
  id: string;
  topic: string | null;
  status: ConversationStatus;
  priority: Priority;
  channel: Channel;
  createdAt: string;
  /** Snoozed (WAITING) until then; null when not snoozed. */
  snoozedUntil: string | null;
  queue: { id: string; name: string } | null;
  agent: { id: string; name: string; availability: Availability } | null;
  inbox: { id: string; name: string } | null;
  customer: { name: string | null; email: string | null } | null;
  tags: string[];
  /** Assigned to the viewer and not opened since it was assigned or since the customer last wrote. */
  unread: boolean;
};

export type InboxList = {
  items: ConversationRow[];
  totalItems: number;
  page: number;
  limit: number;
  /** Per status over everything the user may see (the tabs), not narrowed by the other filters. */
  counts: Partial<Record<ConversationStatus, number>>;
  /** Snoozed conversations the user may see (the Snoozed tab). */
  snoozed: number;
  /** When the server read this; ages are shown relative to it so server and browser render the same text. */
  now: string;
};

function toRow(c: ConversationListItem, unread: Set<string>): ConversationRow {
  return {
    id: c.id,
    topic: c.topic,
    status: c.status,
    priority: c.priority,
    channel: c.channel,
    createdAt: c.createdAt.toISOString(),
    snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
    queue: c.queue,
    agent: c.agent,
    inbox: c.inbox && { id: c.inbox.id, name: c.inbox.name },
    customer: c.customer && { name: c.customer.name, email: c.customer.email },
    tags: c.tags.map((t) => t.tag.name),
    unread: unread.has(c.id),
  };
}

export async function loadInboxList(db: Db, actor: Actor, filters: InboxFilters): Promise<InboxList> {
  const [page, counts, snoozed] = await Promise.all([
    listConversations(db, actor, toListQuery(filters, actor.id)),
    countByStatus(db, actor),
    // Reads the snoozedUntil index only: snoozed conversations are few beside the rest.
    db.conversation.count({ where: { AND: [visibleConversationsWhere(actor), { snoozedUntil: { not: null } }] } }),
  ]);
  const unread = await unreadAmong(db, actor, page.items.filter((c) => c.agentId === actor.id).map((c) => c.id));
  return {
    items: page.items.map((c) => toRow(c, unread)),
    totalItems: page.totalItems,
    page: page.page,
    limit: page.limit,
    counts,
    snoozed,
    now: new Date().toISOString(),
  };
}
