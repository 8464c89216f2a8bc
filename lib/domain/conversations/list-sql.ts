import { sqlTimestamp } from '../../db/sql';
import type { SqlParams } from '../../db/sql-params';
import type { ConversationListQuery } from '../../validation/conversations';

/** `%`, `_` and `\` match themselves, as Prisma's `contains` does. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** The list filters (the reference's plus ours) as SQL over `"Conversation" c`. */
export function filtersSql(q: ConversationListQuery, p: SqlParams): string[] {
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
  if (q.text) {
    const like = p.add(likePattern(q.text));
    and.push(`(c.topic ILIKE ${like}::text OR c.summary ILIKE ${like}::text OR EXISTS (SELECT 1 FROM "Customer" cu WHERE cu.id = c."customerId" AND cu.name ILIKE ${like}::text))`);
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
