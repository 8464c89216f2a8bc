import type { SqlParams } from '../../db/sql-params';

// The inbox's search: full text over each conversation's "searchDoc" — the words of its topic,
// summary, customer (name, email, phone) and every message, kept by the triggers of the migration
// 20261204182627_search_document (what a word is, and the limits, are written there). A row is
// tested by one stored column, and one GIN index finds every conversation a word is in.
//
// Every word typed must match the start of a word of the conversation (prefix), so a search works
// while it is typed ("parc" finds "parcel"), and the words may be in different places: "ana parcel"
// finds Ana's conversation in which a message says "parcel".

// A statement that writes a conversation together with a message may add the message's words
// itself (as the triggers would): the message's trigger then finds nothing new to write.
/** The words of a text, as the document keeps them. */
export const messageWordsSql = (textSql: string) => `switchboard_search_words_manual(${textSql})`;
/** A document with a text's words added (within its limits). */
export const appendWordsSql = (docSql: string, textSql: string) => `switchboard_search_append_manual(${docSql}, ${messageWordsSql(textSql)})`;

/**
 * The search text as a prefix query, each word AND-ed (or, with `'|'`, OR-ed). Its words are read
 * as the documents' second reading reads them (@ . + _ - as spaces, at most 50 bytes: the
 * migration's switchboard_search_words_manual), so whatever text a document holds, typing it finds
 * it: "order-4242", "customer-service" or a long email are found by their parts. Each word is
 * quoted, so nothing typed is read as query syntax. No word at all (only punctuation): NULL, which
 * matches nothing.
 * Cast, not to_tsquery: to_tsquery parses each word again and makes a compound ("order-4242",
 * "kbmove-x1") a phrase of its parts, which a document without positions never matches.
 */
export function searchQuerySql(text: string, p: SqlParams, join: '&' | '|' = '&'): string {
  return `(SELECT string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || ''':*', ' ${join} ')::tsquery
     FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, translate(${p.add(text)}::text, '@.+_-', '     ')))) AS lexeme
     WHERE octet_length(lexeme) <= 50)`;
}

/**
 * How the list narrows to a search, decided once per request by a probe (search.ts):
 * - `ids`: the search finds at most SEARCH_IDS_CAP conversations, and these are they: the list
 *   looks them up by primary key and counts them exactly.
 * - `many`: it finds more. The list walks its sort order and tests each row until the page is
 *   full, which is quick precisely because matches are common (and a row's test is one stored
 *   column), or, past a budget, sorts every match (walkedPageSql). Such a page is not counted.
 */
export type SearchScope = { kind: 'ids'; ids: string[] } | { kind: 'many'; /** Rows walked before the index is asked (walkedPageSql); WALK_BUDGET unless given. */ budget?: number };

/** Past this many conversations found, a search is `many`. */
export const SEARCH_IDS_CAP = 5000;

/** The probe: up to `cap + 1` conversation ids the GIN index finds. */
export function searchProbeSql(text: string, p: SqlParams, cap: number): string {
  return `SELECT ARRAY(SELECT id FROM "Conversation" WHERE "searchDoc" @@ ${searchQuerySql(text, p)} LIMIT ${p.add(cap + 1)}::int) AS ids`;
}

/** The conversations a search of few finds, as a predicate over `"Conversation" c` (a search of many is paged by walkedPageSql). */
export function searchSql(scope: SearchScope, p: SqlParams): string {
  if (scope.kind !== 'ids') throw new Error('searchSql: a search of many is paged by walkedPageSql, not filtered');
  // A parameter array, not a subquery: the planner sees how few ids there are and looks them up by primary key.
  return `c.id = ANY(${p.add(scope.ids)}::text[])`;
}

/**
 * How many rows of the list's order a search of many tests before it asks the index for every
 * match instead. A word in more than 5,000 (SEARCH_IDS_CAP) of 100,000 conversations, spread over
 * time, fills a page of 50 within ~1,000 rows; a budget spent means its matches lie elsewhere (or
 * are so few among many more rows) that finding them all is the quicker way. Smaller (or larger)
 * budgets were no better here: 2,000 and 5,000 rows cost the same to within the noise, 20,000
 * made a word absent from the newest 20,000 take 56 ms at the median.
 */
export const WALK_BUDGET = 2000;

/**
 * The page of a search of many (a `page` CTE of "Conversation" rows), with one row past it when
 * another page follows. Two ways, chosen inside the statement:
 * - the walk: the list's order is read, at most the budget's rows, each tested by its stored column
 *   (ts_match_vq is the function behind @@, called by name so that the planner keeps the walk, which
 *   stops at the page). The budget's last row comes back as a marker even when it does not match:
 *   reached with the page still short, the walk has not seen the list's end;
 * - else every match the GIN index finds, sorted by the order's columns alone, and the page's rows
 *   then read by id. Its cost grows with the matches, not with where they are. The matches are
 *   found in a subquery of their own (OFFSET 0: planned apart from the ORDER BY … LIMIT around it),
 *   so the planner cannot turn this back into the walk it replaces: asked for them sorted with a
 *   LIMIT, it did, and read 94,000 rows (125 ms).
 * Measured at 120,000 conversations (PostgreSQL, this project's 2-core machine): a walk of 5,000
 * rows takes 4 ms (12 ms when a status filter drops most rows it reads); a word in the 6,000 oldest
 * took 68 ms to walk whole (~150 ms with a status filter) and takes 2 ms looked up; 37,500 matches
 * looked up and sorted take 20 ms.
 */
export function walkedPageSql(
  text: string,
  s: { where: string; order: string; /** Every column `order` names. */ orderColumns: readonly string[]; limit: number; offset: number; budget?: number },
  p: SqlParams,
): string {
  const query = searchQuerySql(text, p); // written twice below, one parameter
  const need = s.offset + s.limit + 1;
  const budget = p.add(s.budget ?? WALK_BUDGET);
  return `walk AS MATERIALIZED (
      SELECT x.id, x.hit, x.n FROM (
        SELECT c.id, ts_match_vq(c."searchDoc", ${query}) AS hit, row_number() OVER (ORDER BY ${s.order}) AS n
        FROM "Conversation" c WHERE ${s.where} ORDER BY ${s.order} LIMIT ${budget}::int) x
      WHERE x.hit OR x.n = ${budget}::int
      LIMIT ${p.add(need + 1)}::int),
    short AS MATERIALIZED (
      SELECT coalesce(count(*) FILTER (WHERE hit) < ${p.add(need)}::int AND bool_or(n = ${budget}::int), false) AS yes FROM walk),
    found AS (
      SELECT id FROM walk WHERE hit AND NOT (SELECT yes FROM short)
      UNION ALL
      (SELECT c.id FROM (
         SELECT ${s.orderColumns.map((col) => `c."${col}"`).join(', ')} FROM "Conversation" c
         WHERE (SELECT yes FROM short) AND ${s.where} AND c."searchDoc" @@ ${query} OFFSET 0) c
       ORDER BY ${s.order} LIMIT ${p.add(need)}::int)),
    page AS (
      SELECT c.* FROM "Conversation" c WHERE c.id IN (SELECT id FROM found)
      ORDER BY ${s.order} LIMIT ${p.add(s.limit + 1)}::int OFFSET ${p.add(s.offset)}::int)`;
}

/**
 * The message shown under a found row (so that a match in a body is seen): the latest one with
 * every word searched, else the latest with any of them (the words may be spread over several), or NULL.
 */
export function matchedMessageSql(text: string, p: SqlParams): string {
  const words = messageWordsSql('m.text');
  // Among its latest 200 messages: a long conversation's page row costs no more than a short one's.
  return `(SELECT m.text FROM (SELECT text, "createdAt" FROM "Message" WHERE "conversationId" = c.id ORDER BY "createdAt" DESC LIMIT 200) m
     WHERE ${words} @@ ${searchQuerySql(text, p, '|')}
     ORDER BY ${words} @@ ${searchQuerySql(text, p)} DESC, m."createdAt" DESC LIMIT 1)`;
}
