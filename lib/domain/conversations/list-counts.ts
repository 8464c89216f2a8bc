import type { Db } from '../../db';
import { sqlOf } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import type { Actor } from '../../access/actor';
import { visibleConversationsSql } from '../../access/visibility';
import type { ConversationStatus } from '../../generated/prisma/enums';
import type { ConversationListQuery } from '../../validation/conversations';
import { filtersSql, type ListFilters } from './list-sql';
import { TAB_COUNT_CAP } from '../../query/inbox-filters';

export { TAB_COUNT_CAP };

/**
 * How many conversations the list's filters find in each status — every filter but the status
 * itself, which is what the tabs choose — in one statement. Each count is capped (TAB_COUNT_CAP + 1
 * means "more than the cap").
 */
export async function countByStatusFiltered(
  db: Db,
  actor: Actor,
  query: Omit<ConversationListQuery, 'status'> & ListFilters,
): Promise<Partial<Record<ConversationStatus, number>>> {
  const p = new SqlParams();
  const where = [visibleConversationsSql(actor, p), ...filtersSql({ ...query, status: undefined }, p)].join(' AND ');
  const rows = await sqlOf(db).query<{ status: ConversationStatus; n: number }>(
    `SELECT s.status, (SELECT count(*)::int FROM (
        SELECT 1 FROM "Conversation" c WHERE c.status = s.status AND ${where} LIMIT ${TAB_COUNT_CAP + 1}) capped) AS n
     FROM unnest(enum_range(NULL::"ConversationStatus")) AS s(status)`,
    p.values,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
