import type { Db } from '../../db';
import { sqlOf } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import type { Actor } from '../../access/actor';
import { visibleConversationsSql } from '../../access/visibility';
import type { ConversationStatus } from '../../generated/prisma/enums';
import type { ConversationListQuery } from '../../validation/conversations';
import { filtersSql, type ListFilters } from './list-sql';
import { TAB_COUNT_CAP } from '../../query/inbox-filters';
import { withSearchScope } from './search';

export { TAB_COUNT_CAP };

/**
 * How many conversations the list's filters find in each status, and how many of them are snoozed —
 * every filter but what the tabs choose (the status, snoozed or not, the default view's exclusions)
 * — in one statement. Each count is capped (TAB_COUNT_CAP + 1 means "more than the cap").
 * A search that finds too many to list by id (SearchScope `many`) is not counted: `counted` false.
 */
export async function countByStatusFiltered(
  db: Db,
  actor: Actor,
  input: Omit<ConversationListQuery, 'status'> & ListFilters,
): Promise<{ counts: Partial<Record<ConversationStatus, number>>; snoozed: number; counted: boolean }> {
  const query = await withSearchScope(db, input);
  if (query.search?.kind === 'many') return { counts: {}, snoozed: 0, counted: false };
  const p = new SqlParams();
  const where = [visibleConversationsSql(actor, p), ...filtersSql({ ...query, status: undefined, snoozed: undefined, defaultView: undefined }, p)].join(' AND ');
  const capped = (condition: string) =>
    `(SELECT count(*)::int FROM (SELECT 1 FROM "Conversation" c WHERE ${condition} AND ${where} LIMIT ${TAB_COUNT_CAP + 1}) capped)`;
  const rows = await sqlOf(db).query<{ status: ConversationStatus | 'SNOOZED'; n: number }>(
    `SELECT s.status::text AS status, ${capped('c.status = s.status')} AS n
       FROM unnest(enum_range(NULL::"ConversationStatus")) AS s(status)
     UNION ALL
     SELECT 'SNOOZED', ${capped('c."snoozedUntil" IS NOT NULL')}`,
    p.values,
  );
  const counts: Partial<Record<ConversationStatus, number>> = {};
  let snoozed = 0;
  for (const r of rows) {
    if (r.status === 'SNOOZED') snoozed = r.n;
    else counts[r.status] = r.n;
  }
  return { counts, snoozed, counted: true };
}
