import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { DbTarget } from '../../lib/db/config';
import { ensurePostgresDatabase, migrate, pgliteRunner, pgRunner, type MigrateResult } from '../../lib/db/migrate';
import { acquirePgliteLock, releasePgliteLock } from '../../lib/db/pglite-lock';

export async function migrateTarget(target: DbTarget): Promise<MigrateResult & { created: boolean }> {
  if (target.engine === 'postgres') {
    const created = await ensurePostgresDatabase(target.url);
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      return { ...(await migrate(pgRunner(client))), created };
    } finally {
      await client.end();
    }
  }
  acquirePgliteLock(target.dir);
  const pglite = new PGlite(target.dir);
  try {
    return { ...(await migrate(pgliteRunner(pglite))), created: false };
  } finally {
    await pglite.close();
    releasePgliteLock(target.dir);
  }
}
