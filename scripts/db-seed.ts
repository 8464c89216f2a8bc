// npm run db:seed — applies pending migrations, then fills an empty database with demo data.
// A database that has any user is never seeded (not even with --force): demo rows mixed into
// real data could not be told apart afterwards. Start from an empty database instead.
import { dbTarget, describeTarget } from '../lib/db/config';
import { openDb, type Opened } from '../lib/db';
import { migrateTarget } from './lib/db-admin';
import { isEmpty, seed } from '../prisma/seed';
import { DEMO_PASSWORD, USERS } from '../prisma/seed-data';

async function main() {
  const target = dbTarget();
  // migrateTarget opens, locks, closes and unlocks the PGlite folder itself, so openDb can lock it next.
  const migrated = await migrateTarget(target);
  for (const w of migrated.warnings) console.warn(`warning: ${w}`);
  if (migrated.applied.length) console.log(`Applied ${migrated.applied.length} migration(s): ${migrated.applied.join(', ')}`);

  let opened: Opened | undefined;
  try {
    opened = openDb(target);
    if (!(await isEmpty(opened.prisma))) {
      console.log('Database already has data; not seeding.');
      if (process.argv.includes('--force')) console.log('(--force does not change that: only an empty database is seeded.)');
      return;
    }
    const started = performance.now();
    const summary = await seed(opened.prisma);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Seeded ${describeTarget(target)} in ${seconds}s:`);
    for (const [what, n] of Object.entries(summary)) console.log(`  ${what.padEnd(14)} ${n}`);
    console.log(`\nDemo accounts (password "${DEMO_PASSWORD}"):`);
    for (const u of USERS) console.log(`  ${u.role.padEnd(11)} ${u.email.padEnd(24)} ${u.name}`);
  } finally {
    await opened?.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
