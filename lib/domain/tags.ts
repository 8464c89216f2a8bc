import crypto from 'node:crypto';
import type { Tx } from '../db';
import { sqlTimestamp, type Sql } from '../db/sql';

/** Ids of the named tags, creating the missing ones; safe when two requests create one tag at once. */
export async function ensureTags(tx: Tx, names: string[]): Promise<{ id: string; name: string }[]> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return [];
  await tx.tag.createMany({ data: unique.map((name) => ({ name })), skipDuplicates: true });
  return tx.tag.findMany({ where: { name: { in: unique } }, select: { id: true, name: true } });
}

/**
 * `ensureTags` inside a raw-SQL transaction: one statement in the common case. A tag another
 * transaction created meanwhile is not in this statement's snapshot (its INSERT met the conflict):
 * read again, in a new snapshot, for whatever is missing.
 */
export async function ensureTagsSql(sql: Sql, names: string[], now: Date): Promise<{ id: string; name: string }[]> {
  const unique = [...new Set(names)].sort();
  if (unique.length === 0) return [];
  const ids = unique.map(() => crypto.randomUUID());
  const ts = sqlTimestamp(now);
  const rows = await sql.query<{ id: string; name: string }>(
    `WITH made AS (
       INSERT INTO "Tag" (id, name, "createdAt", "updatedAt")
       SELECT id, name, $3::timestamp(3), $3::timestamp(3) FROM unnest($1::text[], $2::text[]) AS t(id, name)
       ON CONFLICT (name) DO NOTHING RETURNING id, name)
     SELECT id, name FROM made UNION ALL SELECT id, name FROM "Tag" WHERE name = ANY($2::text[])`,
    [ids, unique, ts],
  );
  if (rows.length >= unique.length) return rows;
  return sql.query<{ id: string; name: string }>('SELECT id, name FROM "Tag" WHERE name = ANY($1::text[])', [unique]);
}
