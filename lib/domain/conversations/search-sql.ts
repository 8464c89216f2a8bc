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
 * The search text as a prefix query, each word AND-ed (or, with `'|'`, OR-ed). Words are cut by
 * PostgreSQL's own parser (the one that built the documents), and each is quoted, so nothing typed
 * is read as query syntax. No word at all (only punctuation): NULL, which matches nothing.
 */
export function searchQuerySql(text: string, p: SqlParams, join: '&' | '|' = '&'): string {
  return `(SELECT to_tsquery('simple'::regconfig, string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || ''':*', ' ${join} '))
     FROM unnest(to_tsvector('simple'::regconfig, ${p.add(text)}::text)))`;
}

/**
 * How the list narrows to a search, decided once per request by a probe (search.ts):
 * - `ids`: the search finds at most SEARCH_IDS_CAP conversations, and these are they: the list
 *   looks them up by primary key and counts them exactly.
 * - `many`: it finds more. The list walks its sort order and tests each row until the page is
 *   full, which is quick precisely because matches are common (and a row's test is one stored
 *   column). Such a page is not counted.
 */
export type SearchScope = { kind: 'ids'; ids: string[] } | { kind: 'many' };

/** Past this many conversations found, a search is `many`. */
export const SEARCH_IDS_CAP = 5000;

/** The probe: up to `cap + 1` conversation ids the GIN index finds. */
export function searchProbeSql(text: string, p: SqlParams, cap: number): string {
  return `SELECT ARRAY(SELECT id FROM "Conversation" WHERE "searchDoc" @@ ${searchQuerySql(text, p)} LIMIT ${p.add(cap + 1)}::int) AS ids`;
}

/** The conversations the search finds, as a predicate over `"Conversation" c`. */
export function searchSql(text: string, scope: SearchScope, p: SqlParams): string {
  // A parameter array, not a subquery: the planner sees how few ids there are and looks them up by primary key.
  if (scope.kind === 'ids') return `c.id = ANY(${p.add(scope.ids)}::text[])`;
  // Tested row by row as the list's order is walked. ts_match_vq is the function behind @@: called
  // by name the GIN index cannot serve it, so the planner never trades the walk (which stops at the
  // page) for a bitmap of every match sorted afterwards (53 ms for a word in all 120,000).
  return `ts_match_vq(c."searchDoc", ${searchQuerySql(text, p)})`;
}

/**
 * The message shown under a found row (so that a match in a body is seen): the latest one with
 * every word searched, else the latest with any of them (the words may be spread over several), or NULL.
 */
export function matchedMessageSql(text: string, p: SqlParams): string {
  const words = `to_tsvector('simple'::regconfig, m.text)`;
  return `(SELECT m.text FROM "Message" m WHERE m."conversationId" = c.id AND ${words} @@ ${searchQuerySql(text, p, '|')}
     ORDER BY ${words} @@ ${searchQuerySql(text, p)} DESC, m."createdAt" DESC LIMIT 1)`;
}
