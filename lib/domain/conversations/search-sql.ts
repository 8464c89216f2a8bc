import type { SqlParams } from '../../db/sql-params';

// The inbox's search: full text over the conversation's topic and summary, its customer's name,
// email and phone, and every message's text. Each expression below is the one a GIN index of the
// migration 20261203183522_inbox_sort_search_saved_views is built on, character for character:
// change one and the planner falls back to scanning the table.
//
// The 'simple' configuration: words are lower-cased, never stemmed, no stop words (customers write
// in many languages). Every word typed must match the start of a word (prefix), so a search works
// while it is typed ("parc" finds "parcel") and "parcel is late" finds a message saying so.

/** Over the table's own columns, or through an alias (`c.`) where the row is tested one by one. */
const conversationDoc = (alias = '') => `to_tsvector('simple'::regconfig, coalesce(${alias}topic, '') || ' ' || coalesce(${alias}summary, ''))`;
const CONVERSATION_DOC = conversationDoc();
// The email also as its parts and the phone also as digits only, so "alvarez" and "491701234567" find them.
const CUSTOMER_DOC = `to_tsvector('simple'::regconfig, coalesce(cu.name, '') || ' ' || coalesce(cu.email, '') || ' ' || translate(coalesce(cu.email, ''), '@.+_-', '     ') || ' ' || coalesce(cu.phone, '') || ' ' || regexp_replace(coalesce(cu.phone, ''), '[^0-9]', '', 'g'))`;
const MESSAGE_DOC = `to_tsvector('simple'::regconfig, m.text)`;

/**
 * The search text as a prefix query, each word AND-ed. Words are cut by PostgreSQL's own parser
 * (the one that built the documents), and each is quoted, so nothing typed is read as query syntax.
 * No word at all (only punctuation): NULL, which matches nothing.
 */
export function searchQuerySql(text: string, p: SqlParams): string {
  return `(SELECT to_tsquery('simple'::regconfig, string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || ''':*', ' & '))
     FROM unnest(to_tsvector('simple'::regconfig, ${p.add(text)}::text)))`;
}

/**
 * How the list narrows to a search, decided once per request by a probe (search.ts):
 * - `ids`: the search finds at most SEARCH_IDS_CAP conversations, and these are they: the list
 *   looks them up by primary key and counts them exactly.
 * - `many`: it finds more. Collecting every match (40,000 for "parcel late" at 100k) took
 *   0.7–1.8 s; instead the list walks its sort order and tests each row until the page is full,
 *   which is quick precisely because matches are common. Such a page is not counted.
 */
export type SearchScope = { kind: 'ids'; ids: string[] } | { kind: 'many' };

/** Past this many conversations found, a search is `many`. */
export const SEARCH_IDS_CAP = 5000;

/**
 * The probe: up to `cap + 1` conversation ids the three GIN indexes find (UNION ALL, so the scans
 * stop once enough rows are read; duplicates are dropped afterwards, and a count over the cap with
 * duplicates only ever errs towards `many`, which is correct for any result).
 */
export function searchProbeSql(text: string, p: SqlParams, cap: number): string {
  const q = searchQuerySql(text, p);
  return `SELECT ARRAY(SELECT id FROM (
      SELECT id FROM "Conversation" WHERE ${CONVERSATION_DOC} @@ ${q}
      UNION ALL SELECT m."conversationId" FROM "Message" m WHERE ${MESSAGE_DOC} @@ ${q}
      UNION ALL SELECT cc.id FROM "Customer" cu JOIN "Conversation" cc ON cc."customerId" = cu.id WHERE ${CUSTOMER_DOC} @@ ${q}
    ) found LIMIT ${p.add(cap + 1)}::int) AS ids`;
}

/** The conversations the search finds, as a predicate over `"Conversation" c`. */
export function searchSql(text: string, scope: SearchScope, p: SqlParams): string {
  // A parameter array, not a subquery: the planner sees how few ids there are and looks them up by primary key.
  if (scope.kind === 'ids') return `c.id = ANY(${p.add(scope.ids)}::text[])`;
  const q = searchQuerySql(text, p);
  // Tested row by row. OFFSET 0 keeps each EXISTS a per-row probe through the conversation's own
  // index: without it PostgreSQL turns it into a hash of every matching message (the slow path above).
  return `(${conversationDoc('c.')} @@ ${q}
    OR EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id AND ${MESSAGE_DOC} @@ ${q} OFFSET 0)
    OR EXISTS (SELECT 1 FROM "Customer" cu WHERE cu.id = c."customerId" AND ${CUSTOMER_DOC} @@ ${q} OFFSET 0))`;
}

/** The latest message of conversation `c` the search finds (shown under the row, so a match in a body is seen), or NULL. */
export function matchedMessageSql(text: string, p: SqlParams): string {
  return `(SELECT m.text FROM "Message" m WHERE m."conversationId" = c.id AND ${MESSAGE_DOC} @@ ${searchQuerySql(text, p)} ORDER BY m."createdAt" DESC LIMIT 1)`;
}
