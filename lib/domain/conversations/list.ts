import type { Db, Tx } from '../../db';
import { sqlOf } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import type { Conversation, Prisma } from '../../generated/prisma/client';
import type { Actor } from '../../access/actor';
import { visibleConversationsSql, visibleConversationsWhere } from '../../access/visibility';
import { type ConversationListQuery, type ORDER_BY_FIELDS } from '../../validation/conversations';
import { filtersSql, type ListFilters } from './list-sql';
import { matchedMessageSql, walkedPageSql } from './search-sql';
import { withSearchScope } from './search';

export const conversationListInclude = {
  queue: { select: { id: true, name: true } },
  agent: { select: { id: true, name: true, availability: true } },
  inbox: { select: { id: true, name: true, channel: true } },
  customer: { select: { id: true, name: true, email: true, country: true } },
  tags: { select: { tag: { select: { name: true } } }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.ConversationInclude;

export type ConversationListItem = Prisma.ConversationGetPayload<{ include: typeof conversationListInclude }> & {
  /** With a text search: the latest message whose text it finds, so the list can show why a row matched. */
  matchedMessage?: string | null;
};

export type ConversationPage = {
  items: ConversationListItem[];
  totalItems: number;
  page: number;
  limit: number;
  orderBy: string;
  /**
   * False for a search that finds more than SEARCH_IDS_CAP conversations: such a page is not
   * counted, and `totalItems` is then the items up to this page plus one when there are more.
   */
  counted: boolean;
};

/**
 * ORDER BY for each sortable field and direction, ties broken by id so pages never overlap. The
 * inbox's sorts are written to match the migration's partial indexes (…_active_*_manual), so a
 * page of open work is an ordered index scan:
 * - waitingSince asc: longest waiting first; answered ones (null: nobody waits) last. desc is the
 *   exact reverse (an answered one has waited nothing, so it comes first).
 * - lastInboundAt desc: the latest customer message first; never wrote (null) counts as oldest.
 * - priority asc: URGENT first (the enum's order), then longest waiting (SPEC §4's backlog order).
 */
const ORDER: Record<(typeof ORDER_BY_FIELDS)[number], { asc: string; desc: string }> = {
  createdAt: { asc: 'c."createdAt" ASC, c.id ASC', desc: 'c."createdAt" DESC, c.id DESC' },
  updatedAt: { asc: 'c."updatedAt" ASC, c.id ASC', desc: 'c."updatedAt" DESC, c.id DESC' },
  status: { asc: 'c.status ASC, c.id ASC', desc: 'c.status DESC, c.id DESC' },
  closedAt: { asc: 'c."closedAt" ASC, c.id ASC', desc: 'c."closedAt" DESC, c.id DESC' },
  priority: { asc: 'c.priority ASC, c."waitingSince" ASC NULLS LAST, c.id ASC', desc: 'c.priority DESC, c."waitingSince" DESC NULLS FIRST, c.id DESC' },
  waitingSince: { asc: 'c."waitingSince" ASC NULLS LAST, c.id ASC', desc: 'c."waitingSince" DESC NULLS FIRST, c.id DESC' },
  lastInboundAt: { asc: 'c."lastInboundAt" ASC NULLS FIRST, c.id ASC', desc: 'c."lastInboundAt" DESC NULLS LAST, c.id DESC' },
};

/** Every column ORDER names. */
const ORDER_COLUMNS = ['id', 'createdAt', 'updatedAt', 'status', 'closedAt', 'priority', 'waitingSince', 'lastInboundAt'] as const;

/** Exact counts stop here; past it `totalItems` is the planner's estimate (documented in the API reference). */
export const EXACT_COUNT_CAP = 10_000;

/**
 * One page of the conversations the actor may see, with its relations and `totalItems`, in one
 * statement (raw SQL: Prisma took a query per relation plus a COUNT(*) that scanned the table —
 * 59 of 65 ms at 100k conversations). The count is exact up to EXACT_COUNT_CAP and reads at most
 * that many index entries; past it, a second statement asks the planner for its estimate.
 */
export async function listConversations(db: Db, actor: Actor, input: ConversationListQuery & ListFilters): Promise<ConversationPage> {
  const query = await withSearchScope(db, input);
  // A search of many is walked (search-sql.ts) and not counted; any other page is filtered and counted.
  const walked = query.text && query.search?.kind === 'many' ? { text: query.text, budget: query.search.budget } : null;
  const counted = !walked;
  const p = new SqlParams();
  const where = [visibleConversationsSql(actor, p), ...filtersSql(walked ? { ...query, text: undefined } : query, p)].join(' AND ');
  const [field, dir] = query.orderBy.split(':') as [keyof typeof ORDER, 'asc' | 'desc'];
  const order = ORDER[field][dir];
  const offset = query.page * query.limit;
  const pageSql = walked
    ? walkedPageSql(walked.text, { where, order, orderColumns: ORDER_COLUMNS, limit: query.limit, offset, budget: walked.budget }, p)
    : `page AS (SELECT c.* FROM "Conversation" c WHERE ${where} ORDER BY ${order} LIMIT ${p.add(query.limit)}::int OFFSET ${p.add(offset)}::int)`;
  const matched = query.text ? `'matched', ${matchedMessageSql(query.text, p)},` : '';
  const sql = sqlOf(db);
  const [row] = await sql.query<{ total: number; items: RawItem[] | null }>(
    `WITH ${pageSql}
     SELECT
       ${counted ? `(SELECT count(*)::int FROM (SELECT 1 FROM "Conversation" c WHERE ${where} LIMIT ${EXACT_COUNT_CAP + 1}) capped)` : 'NULL::int'} AS total,
       (SELECT json_agg(json_build_object(
          'c', to_jsonb(c) - 'searchDoc', ${matched}
          'queue', (SELECT json_build_object('id', q.id, 'name', q.name) FROM "Queue" q WHERE q.id = c."queueId"),
          'agent', (SELECT json_build_object('id', u.id, 'name', u.name, 'availability', u.availability) FROM "User" u WHERE u.id = c."agentId"),
          'inbox', (SELECT json_build_object('id', i.id, 'name', i.name, 'channel', i.channel) FROM "Inbox" i WHERE i.id = c."inboxId"),
          'customer', (SELECT json_build_object('id', cu.id, 'name', cu.name, 'email', cu.email, 'country', cu.country) FROM "Customer" cu WHERE cu.id = c."customerId"),
          'tags', (SELECT COALESCE(json_agg(json_build_object('tag', json_build_object('name', t.name)) ORDER BY ct."createdAt"), '[]'::json)
                   FROM "ConversationTag" ct JOIN "Tag" t ON t.id = ct."tagId" WHERE ct."conversationId" = c.id)
        ) ORDER BY ${order}) FROM page c) AS items`,
    p.values,
  );
  const items = (row.items ?? []).map(listItem);
  if (!counted) {
    // Walked, not counted: one row past the page says whether another page follows.
    const more = items.length > query.limit;
    const shown = items.slice(0, query.limit);
    return { items: shown, totalItems: query.page * query.limit + shown.length + (more ? 1 : 0), page: query.page, limit: query.limit, orderBy: query.orderBy, counted };
  }
  let totalItems = row.total;
  if (totalItems > EXACT_COUNT_CAP) {
    const [plan] = await sql.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM "Conversation" c WHERE ${where}`,
      p.values.slice(0, countParams(where)),
    );
    totalItems = Math.max(EXACT_COUNT_CAP + 1, Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']));
  }
  return { items, totalItems, page: query.page, limit: query.limit, orderBy: query.orderBy, counted };
}

/** How many of the statement's parameters the WHERE text uses ($1…$n come first, in order). */
function countParams(where: string): number {
  return Math.max(0, ...[...where.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
}

type RawItem = {
  c: Record<string, unknown>;
  queue: ConversationListItem['queue'];
  agent: ConversationListItem['agent'];
  inbox: ConversationListItem['inbox'];
  customer: ConversationListItem['customer'];
  tags: ConversationListItem['tags'];
  matched?: string | null;
};

const DATE_FIELDS = ['queuedAt', 'assignedAt', 'createdAt', 'updatedAt', 'closedAt', 'snoozedUntil', 'awayNoticeAt', 'waitingSince', 'lastInboundAt'] as const;

/** to_jsonb writes timestamp(3) as UTC without a zone: read it back as UTC. */
function listItem(raw: RawItem): ConversationListItem {
  const c = { ...raw.c } as Record<string, unknown>;
  for (const f of DATE_FIELDS) c[f] = typeof c[f] === 'string' ? new Date(`${c[f] as string}Z`) : null;
  const item: ConversationListItem = { ...(c as unknown as Conversation), queue: raw.queue, agent: raw.agent, inbox: raw.inbox, customer: raw.customer, tags: raw.tags };
  if ('matched' in raw) item.matchedMessage = raw.matched ?? null;
  return item;
}

/** How many visible conversations have each status: one grouped query. */
export async function countByStatus(db: Tx, actor: Actor): Promise<Record<string, number>> {
  const rows = await db.conversation.groupBy({ by: ['status'], where: visibleConversationsWhere(actor), _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}
