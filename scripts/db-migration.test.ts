import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Guards that prisma/schema.prisma and prisma/migrations agree: a schema edit without its
// migration (or a hand-edited migration) fails here instead of on someone's database.
it('schema.prisma and prisma/migrations agree (db-migration --check)', () => {
  const run = spawnSync('npx', ['tsx', 'scripts/db-migration.ts', '--check'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    // The check needs no database, and must not pick one up from the developer's environment.
    env: { ...process.env, DATABASE_URL: '' },
  });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.error, output).toBeUndefined();
  expect(run.status, output).toBe(0);
  expect(run.stdout).toContain('Migrations match the schema.');
}, 120_000);
