import type { Db } from '../../db';
import type { Actor } from '../../access/actor';
import type { ConversationListItem } from './list';
import { listConversations } from './list';
import { countByStatusFiltered } from './list-counts';
import { withSearchScope } from './search';
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
  /** Since when the customer has waited for an answer; null once answered. */
  waitingSince: string | null;
  /** The customer's latest message. */
  lastInboundAt: string | null;
  queue: { id: string; name: string } | null;
  agent: { id: string; name: string; availability: Availability } | null;
  inbox: { id: string; name: string } | null;
  customer: { name: string | null; email: string | null } | null;
  tags: string[];
  /** Assigned to the viewer and not opened since it was assigned or since the customer last wrote. */
  unread: boolean;
  /** With a search: the latest message it finds (plain text; the list highlights the words). */
  matchedMessage: string | null;
};

export type InboxList = {
  items: ConversationRow[];
  totalItems: number;
  page: number;
  limit: number;
  /** Per status, under every filter but the status (the tabs); capped at TAB_COUNT_CAP + 1 (list-counts.ts). */
  counts: Partial<Record<ConversationStatus, number>>;
  /** Snoozed conversations the user may see (the Snoozed tab). */
  snoozed: number;
  /** False for a search that finds too many to count: no tab counts, and `totalItems` only says whether another page follows. */
  counted: boolean;
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
    waitingSince: c.waitingSince?.toISOString() ?? null,
    lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
    queue: c.queue,
    agent: c.agent,
    inbox: c.inbox && { id: c.inbox.id, name: c.inbox.name },
    customer: c.customer && { name: c.customer.name, email: c.customer.email },
    tags: c.tags.map((t) => t.tag.name),
    unread: unread.has(c.id),
    matchedMessage: c.matchedMessage ?? null,
  };
}

export async function loadInboxList(db: Db, actor: Actor, filters: InboxFilters): Promise<InboxList> {
  // At most four round trips (SPEC §7): a search's probe (with a search only), the page (a second
  // only when over the exact count's cap, never with a search), the tabs' counts, and which of the
  // page's rows are unread.
  const query = await withSearchScope(db, toListQuery(filters, actor));
  const [page, { counts, snoozed, counted }] = await Promise.all([listConversations(db, actor, query), countByStatusFiltered(db, actor, query)]);
  const unread = await unreadAmong(db, actor, page.items.filter((c) => c.agentId === actor.id).map((c) => c.id));
  return {
    items: page.items.map((c) => toRow(c, unread)),
    totalItems: page.totalItems,
    page: page.page,
    limit: page.limit,
    counts,
    snoozed,
    counted: counted && page.counted,
    now: new Date().toISOString(),
  };
}
