import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma 7's CLI downloads its native schema engine for every command, which this network forbids.
// `prisma generate` needs no engine but insists the binary exists: point it at a stub that fails,
// so that `prisma migrate` can never pretend to succeed. Migrations go through scripts/db-migrate.ts.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.resolve('scripts/schema-engine-stub.sh');
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
