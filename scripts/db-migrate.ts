// npm run db:migrate — creates the PostgreSQL database when missing, then applies pending migrations.
import { dbTarget, describeTarget } from '../lib/db/config';
import { migrateTarget } from './lib/db-admin';

async function main() {
  const target = dbTarget();
  const res = await migrateTarget(target);
  for (const w of res.warnings) console.warn(`warning: ${w}`);
  console.log(
    res.applied.length
      ? `Applied ${res.applied.length} migration(s) to ${describeTarget(target)}: ${res.applied.join(', ')}`
      : `${describeTarget(target)} is up to date (${res.alreadyApplied} migration(s)).`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
