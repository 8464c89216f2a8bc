import { expect, it } from 'vitest';
import { openDb } from './index';
import { sqlOf } from './sql';
import { databaseUrl, describePostgres } from '../test/db';

// Opened.close() (and closeDb(), which calls it) releases everything openDb took.

it('on PGlite: closes Prisma and the PGlite', async () => {
  // In memory: a new folder costs an initdb (half a minute on a busy machine). The folder lock is
  // released the same way (releasePgliteLock, lib/db/pglite-lock.test.ts).
  const opened = openDb({ engine: 'pglite', dir: 'memory://close-test' });
  await sqlOf(opened.prisma).query('SELECT 1');
  await opened.close();
  expect(opened.pglite?.closed).toBe(true);
});

describePostgres('openDb on PostgreSQL', (db) => {
  it('ends the pool even when only the raw driver used it (Prisma never connected)', async () => {
    const opened = openDb({ engine: 'postgres', url: await databaseUrl(db().prisma) }, 2);
    const sql = sqlOf(opened.prisma);
    await sql.query('SELECT 1');
    await opened.close();
    await expect(sql.query('SELECT 1')).rejects.toThrow(/after calling end/);
    await opened.close(); // twice is harmless
  });

  it('ends it once when Prisma did connect (its $disconnect ends the pool first)', async () => {
    const opened = openDb({ engine: 'postgres', url: await databaseUrl(db().prisma) }, 2);
    await opened.prisma.$queryRaw`SELECT 1`;
    await sqlOf(opened.prisma).query('SELECT 1');
    await opened.close();
    await expect(sqlOf(opened.prisma).query('SELECT 1')).rejects.toThrow(/after calling end/);
  });
});
