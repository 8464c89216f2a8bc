import type { Db } from '../../db';
import { sqlOf } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { SEARCH_IDS_CAP, searchProbeSql, type SearchScope } from './search-sql';

/**
 * Which conversations a search finds, probed once per request (one round trip through the GIN
 * index, reading at most `cap + 1` rows): their ids when there are few, else `many`. The list
 * and the tabs' counts then share the answer (search-sql.ts says how each is used).
 */
export async function resolveSearch(db: Db, text: string, cap = SEARCH_IDS_CAP): Promise<SearchScope> {
  const p = new SqlParams();
  const [row] = await sqlOf(db).query<{ ids: string[] | null }>(searchProbeSql(text, p, cap), p.values);
  const found = row?.ids ?? [];
  return found.length > cap ? { kind: 'many' } : { kind: 'ids', ids: found };
}

/** The query with its search resolved (probed now unless the caller already did, to share it). */
export async function withSearchScope<Q extends { text?: string | null; search?: SearchScope }>(db: Db, query: Q): Promise<Q> {
  return query.text && !query.search ? { ...query, search: await resolveSearch(db, query.text) } : query;
}
