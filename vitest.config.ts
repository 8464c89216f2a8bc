import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: { '@': root },
  },
  test: {
    environment: 'node',
    globalSetup: ['lib/test/global-setup.ts'],
    include: ['{lib,prisma,scripts,components}/**/*.test.ts'],
    // *.pg.test.ts need a real PostgreSQL server (TEST_DATABASE_URL), e.g. several processes on one database.
    exclude: ['**/node_modules/**', 'e2e/**', '.next/**', 'data/**', ...(process.env.TEST_DATABASE_URL ? [] : ['**/*.pg.test.ts'])],
    // Each integration file holds its own in-memory PGlite (~100 MB) and migrating it takes seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vitest 4 replaced poolOptions with top-level maxWorkers; two forks bound memory to a few PGlites.
    pool: 'forks',
    maxWorkers: 2,
  },
});
