import type { SqlParams } from '../../db/sql-params';

// The inbox's search: full text over the conversation's topic and summary, its customer's name,
// email and phone, and every message's text. Each expression below is the one a GIN index of the
// migration 20261203183522_inbox_sort_search_saved_views is built on, character for character:
// change one and the planner falls back to scanning the table.
//
// The 'simple' configuration: words are lower-cased, never stemmed, no stop words (customers write
// in many languages). Every word typed must match the start of a word (prefix), so a search works
// while it is typed ("parc" finds "parcel") and "parcel is late" finds a message saying so.

const CONVERSATION_DOC = `to_tsvector('simple'::regconfig, coalesce(topic, '') || ' ' || coalesce(summary, ''))`;
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

/** The conversations the search finds, as a predicate over `"Conversation" c`: three GIN index lookups. */
export function searchSql(text: string, p: SqlParams): string {
  const q = searchQuerySql(text, p);
  // An array computed once (an InitPlan), not `IN (subquery)`: the planner cannot tell how few ids a
  // search finds and hash-joined them against a scan of every conversation (500 ms at 100k for a
  // word found once); `= ANY(array)` looks the ids up by primary key.
  return `c.id = ANY(ARRAY(
      SELECT id FROM "Conversation" WHERE ${CONVERSATION_DOC} @@ ${q}
      UNION SELECT m."conversationId" FROM "Message" m WHERE ${MESSAGE_DOC} @@ ${q}
      UNION SELECT cc.id FROM "Customer" cu JOIN "Conversation" cc ON cc."customerId" = cu.id WHERE ${CUSTOMER_DOC} @@ ${q}))`;
}

/** The latest message of conversation `c` the search finds (shown under the row, so a match in a body is seen), or NULL. */
export function matchedMessageSql(text: string, p: SqlParams): string {
  return `(SELECT m.text FROM "Message" m WHERE m."conversationId" = c.id AND ${MESSAGE_DOC} @@ ${searchQuerySql(text, p)} ORDER BY m."createdAt" DESC LIMIT 1)`;
}
