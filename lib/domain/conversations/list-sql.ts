import { sqlTimestamp } from '../../db/sql';
import type { SqlParams } from '../../db/sql-params';
import type { ConversationListQuery } from '../../validation/conversations';
import { searchSql, type SearchScope } from './search-sql';

/** Filters only the console's inbox uses (not part of the API's query). */
export type ListFilters = {
  /** "Mine + unassigned that I may take": assigned to this user or to nobody (visibility decides which unassigned ones). */
  mineOrUnassigned?: string;
  /** The inbox's default view (no status chosen): DEFAULT_VIEW_EXCLUDES apply. */
  defaultView?: boolean;
  /** With `text`: what the search probe found (search.ts), shared by the page and the tabs' counts. */
  search?: SearchScope;
};

/**
 * What the inbox's default view leaves out beyond its status and assignee: a conversation snoozed
 * until a later time (one whose time has come shows again before the sweep has woken it).
 */
export const DEFAULT_VIEW_EXCLUDES: readonly string[] = ['(c."snoozedUntil" IS NULL OR c."snoozedUntil" <= now())'];

/** The list filters (the reference's plus ours) as SQL over `"Conversation" c`. */
export function filtersSql(q: ConversationListQuery & ListFilters, p: SqlParams): string[] {
  const and: string[] = [];
  // Compared in the column's own type, so that its indexes serve.
  const inList = (column: string, values: string[] | undefined, type = 'text') => {
    if (values?.length) and.push(`c."${column}" = ANY(${p.add(values)}::${type}[])`);
  };
  inList('id', q.conversationIds);
  inList('status', q.status, '"ConversationStatus"');
  inList('priority', q.priority, '"Priority"');
  inList('channel', q.channel, '"Channel"');
  inList('queueId', q.queueIds);
  if (q.inboxId) and.push(`c."inboxId" = ${p.add(q.inboxId)}::text`);
  if (q.agentId) and.push(`c."agentId" = ${p.add(q.agentId)}::text`);
  if (q.unassigned !== undefined) and.push(q.unassigned ? 'c."agentId" IS NULL' : 'c."agentId" IS NOT NULL');
  if (q.snoozed !== undefined) and.push(q.snoozed ? 'c."snoozedUntil" IS NOT NULL' : 'c."snoozedUntil" IS NULL');
  if (q.tagNames?.length) {
    and.push(`EXISTS (SELECT 1 FROM "ConversationTag" ct JOIN "Tag" t ON t.id = ct."tagId" WHERE ct."conversationId" = c.id AND t.name = ANY(${p.add(q.tagNames)}::text[]))`);
  }
  if (q.defaultView) and.push(...DEFAULT_VIEW_EXCLUDES);
  if (q.mineOrUnassigned) and.push(`(c."agentId" = ${p.add(q.mineOrUnassigned)}::text OR c."agentId" IS NULL)`);
  // The words of the topic, summary, customer name, email and phone, and the messages (search-sql.ts).
  if (q.text) {
    if (!q.search) throw new Error('filtersSql: a text search needs its scope (resolveSearch) first');
    and.push(searchSql(q.search, p));
  }
  const range = (column: string, after?: Date, before?: Date) => {
    if (after) and.push(`c."${column}" >= ${p.add(sqlTimestamp(after))}::timestamp(3)`);
    if (before) and.push(`c."${column}" < ${p.add(sqlTimestamp(before))}::timestamp(3)`);
  };
  range('createdAt', q.createdAfter, q.createdBefore);
  range('updatedAt', q.updatedAfter, q.updatedBefore);
  range('closedAt', q.closedAfter, q.closedBefore);
  return and;
}
