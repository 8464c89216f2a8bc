import path from 'node:path';

export type DbTarget =
  | { engine: 'postgres'; url: string }
  | { engine: 'pglite'; dir: string };

/** DATABASE_URL starting with postgres → PostgreSQL; anything else → the embedded PGlite folder. */
export function dbTarget(env: Record<string, string | undefined> = process.env): DbTarget {
  const url = env.DATABASE_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url };
  if (url) throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.split(':')[0]}:…"). Leave it unset for the embedded database.`);
  return { engine: 'pglite', dir: path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR || './data/pglite') };
}

export function describeTarget(t: DbTarget): string {
  if (t.engine === 'pglite') return `embedded PGlite at ${t.dir}`;
  const u = new URL(t.url);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

// Transactions that serialize on a row lock (one inbox's assignments) queue for a pooled
// connection under load: wait longer for one than Prisma's 2 s default before giving up.
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 };
