-- CreateEnum
CREATE TYPE "AssignmentAlgorithm" AS ENUM ('ROUND_ROBIN', 'LOAD_BALANCING', 'PERFORMANCE_BASED');

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "awayNoticeAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "algorithm" "AssignmentAlgorithm" NOT NULL DEFAULT 'ROUND_ROBIN',
ADD COLUMN     "assignOutsideHours" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "autoAssign" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "sticky" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stickyDays" INTEGER;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "capacity" INTEGER,
ADD COLUMN     "disconnectedAt" TIMESTAMP(3);

-- Manual (names end in _manual, see scripts/db-migration.ts): the backlog drain reads the waiting
-- conversations of an inbox, highest priority first, then longest waiting.
CREATE INDEX "Conversation_waiting_manual" ON "Conversation" ("inboxId", priority, (COALESCE("queuedAt", "createdAt")), id)
  WHERE "agentId" IS NULL AND status IN ('OPEN', 'WAITING');

-- Manual: whether working hours are open at a UTC instant (stored timestamps are UTC), in the one
-- definition the assignment statements share; lib/domain/working-hours-clock.ts is its TypeScript
-- twin, and a test holds the two to the same answers. No hours, or disabled ones: always open. Open
-- on an enabled day from startTime up to, not including, endTime (minutes after local midnight,
-- 1440 = the end of the day), except on an enabled holiday (local dates, both ends included).
CREATE FUNCTION switchboard_hours_open_manual(hours_id text, at timestamp) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN w.id IS NULL OR NOT w.enabled THEN true
    ELSE COALESCE((d.day ->> 'enabled')::boolean, false)
      AND l.m >= (d.day ->> 'startTime')::int AND l.m < (d.day ->> 'endTime')::int
      AND NOT EXISTS (
        SELECT 1 FROM "WorkingHoursHoliday" h
        WHERE h."workingHoursId" = w.id AND h.enabled AND l.t::date BETWEEN h."startDate" AND h."endDate")
    END
  FROM (SELECT 1) one
  LEFT JOIN "WorkingHours" w ON w.id = hours_id
  LEFT JOIN LATERAL (SELECT (at AT TIME ZONE 'UTC') AT TIME ZONE w.timezone AS t) l0 ON true
  LEFT JOIN LATERAL (SELECT l0.t, extract(hour FROM l0.t)::int * 60 + extract(minute FROM l0.t)::int AS m) l ON true
  LEFT JOIN LATERAL (SELECT w."workWeek" -> trim(to_char(l.t, 'FMDAY')) AS day) d ON true
$$;
