-- AlterEnum: drop TimelineKind.MESSAGE_ADDED, which nothing ever wrote (a message shows in the thread
-- and has its own realtime change; the timeline records changes of the conversation, SPEC §4).
-- PostgreSQL cannot drop an enum value, so this is Prisma's standard enum removal: a new type, the
-- column cast to it, the old type dropped.
--
-- No BEGIN/COMMIT here, unlike the SQL Prisma generated: lib/db/migrate.ts already runs each migration
-- in one transaction together with its _prisma_migrations row, and a COMMIT inside would end that
-- transaction early on both PGlite and PostgreSQL. (`prisma migrate deploy` sends the file as one
-- multi-statement query, which PostgreSQL also runs as a single implicit transaction.)
--
-- Deploy note: ALTER COLUMN ... TYPE rewrites TimelineEvent and rebuilds its indexes under an ACCESS
-- EXCLUSIVE lock, so on a large production table every conversation create/update waits while this
-- runs. It runs once, at deploy; schedule that deploy for a quiet moment.

-- Taken up front so the DELETE below does not start with a weaker lock that must later be upgraded.
LOCK TABLE "TimelineEvent" IN ACCESS EXCLUSIVE MODE;

-- There should be no such rows (nothing writes the value); delete any so the cast below cannot fail.
DELETE FROM "TimelineEvent" WHERE "kind" = 'MESSAGE_ADDED';

CREATE TYPE "TimelineKind_new" AS ENUM ('CREATED', 'STATUS_CHANGED', 'PRIORITY_CHANGED', 'QUEUE_CHANGED', 'ASSIGNEE_CHANGED', 'PROPERTIES_CHANGED', 'TAG_ADDED', 'TAG_REMOVED', 'ROUTED');
ALTER TABLE "TimelineEvent" ALTER COLUMN "kind" TYPE "TimelineKind_new" USING ("kind"::text::"TimelineKind_new");
ALTER TYPE "TimelineKind" RENAME TO "TimelineKind_old";
ALTER TYPE "TimelineKind_new" RENAME TO "TimelineKind";
-- Unqualified like every other statement in the migrations, so it drops the type in the schema they created it in.
DROP TYPE "TimelineKind_old";
