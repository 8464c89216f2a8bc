import type { Tx } from '../db';
import { Prisma } from '../generated/prisma/client';

// The dashboard's aggregate reads, in SQL that PGlite and PostgreSQL both run.
//
// Times cross the boundary as epoch seconds, never as Date parameters: the columns are
// `timestamp without time zone` holding UTC, and a Date parameter may reach the server as
// timestamptz, which PostgreSQL would compare through the session's TimeZone. `utc()` builds the
// matching UTC timestamp on the server, and EXTRACT(EPOCH …) of a UTC timestamp is the real epoch.

const utc = (d: Date) => Prisma.sql`(to_timestamp(${d.getTime() / 1000}::float8) AT TIME ZONE 'UTC')`;
const epoch = (column: Prisma.Sql) => Prisma.sql`EXTRACT(EPOCH FROM ${column})::float8`;

/**
 * An event that gives a conversation an assignee: a change of assignee to someone, or a
 * conversation created already assigned (the API can), which writes CREATED and no ASSIGNEE_CHANGED.
 */
const givesAssignee = (alias = Prisma.sql`"TimelineEvent"`) =>
  Prisma.sql`${alias}.kind IN ('ASSIGNEE_CHANGED', 'CREATED') AND ${alias}."after"->>'agentId' IS NOT NULL`;

const OPEN = Prisma.sql`status IN ('OPEN', 'WAITING')`;

export type WaitingRow = { queueId: string | null; bucket: number; count: number; oldestMs: number };

/**
 * Open unassigned conversations per queue and waiting bucket, with the earliest wait start of each
 * group. `bounds` are the buckets' exclusive upper bounds in seconds, ascending; null for the last.
 */
export async function waitingByQueue(db: Tx, now: Date, bounds: readonly (number | null)[]): Promise<WaitingRow[]> {
  const start = Prisma.sql`COALESCE("queuedAt", "createdAt")`;
  const wait = Prisma.sql`(${now.getTime() / 1000}::float8 - ${epoch(start)})`;
  const bounded = bounds.flatMap((upTo, i) => (upTo === null ? [] : [Prisma.sql`WHEN ${wait} < ${upTo}::float8 THEN ${i}::int`]));
  const rows = await db.$queryRaw<{ queueId: string | null; bucket: number; count: number; oldest: number }[]>`
    SELECT "queueId", bucket, COUNT(*)::int AS count, MIN(since) AS oldest
    FROM (
      SELECT "queueId", ${epoch(start)} AS since,
             CASE ${Prisma.join(bounded, ' ')} ELSE ${bounds.length - 1}::int END AS bucket
      FROM "Conversation"
      WHERE ${OPEN} AND "agentId" IS NULL
    ) w
    GROUP BY "queueId", bucket`;
  return rows.map((r) => ({ queueId: r.queueId, bucket: r.bucket, count: r.count, oldestMs: Math.round(r.oldest * 1000) }));
}

export type BucketCount = { bucket: number; count: number };

/** Counts per hour since `from` (0 = the hour starting at `from`), up to `now`. */
function hourIndex(column: Prisma.Sql, from: Date) {
  return Prisma.sql`FLOOR((${epoch(column)} - ${from.getTime() / 1000}::float8) / 3600)::int`;
}

export async function hourlyCreated(db: Tx, from: Date, now: Date): Promise<BucketCount[]> {
  return db.$queryRaw<BucketCount[]>`
    SELECT ${hourIndex(Prisma.sql`"createdAt"`, from)} AS bucket, COUNT(*)::int AS count
    FROM "Conversation"
    WHERE "createdAt" >= ${utc(from)} AND "createdAt" <= ${utc(now)}
    GROUP BY 1`;
}

export async function hourlyAssigned(db: Tx, from: Date, now: Date): Promise<BucketCount[]> {
  return db.$queryRaw<BucketCount[]>`
    SELECT ${hourIndex(Prisma.sql`"createdAt"`, from)} AS bucket, COUNT(*)::int AS count
    FROM "TimelineEvent"
    WHERE ${givesAssignee()} AND "createdAt" >= ${utc(from)} AND "createdAt" <= ${utc(now)}
    GROUP BY 1`;
}

/** Conversations given to each agent since `since` (reassignments to them count too). */
export async function assignmentsSince(db: Tx, since: Date, now: Date): Promise<{ agentId: string; count: number }[]> {
  return db.$queryRaw<{ agentId: string; count: number }[]>`
    SELECT "after"->>'agentId' AS "agentId", COUNT(*)::int AS count
    FROM "TimelineEvent"
    WHERE ${givesAssignee()} AND "createdAt" >= ${utc(since)} AND "createdAt" <= ${utc(now)}
    GROUP BY 1`;
}

export type FirstAssignment = {
  count: number;
  medianSeconds: number | null;
  averageSeconds: number | null;
  /** Assigned within a second of arriving (auto-assignment at creation): these make a median of 0 s. */
  onArrival: number;
  /** Median and average of the others, the ones that waited for an agent. */
  waitedMedianSeconds: number | null;
  waitedAverageSeconds: number | null;
};

/** Under this, a first assignment happened as the conversation arrived (it never waited). */
const ON_ARRIVAL_SECONDS = 1;

/**
 * Time from creation to first assignment, for conversations whose first assignment fell in
 * [from, now]. Starts from the recent events (the (kind, createdAt) index) and drops those that
 * had an assignee before, rather than finding every conversation's first assignment ever.
 * Most conversations are auto-assigned as they arrive, so the median over all of them is 0 s
 * while a few long waits pull the average up: the figures for those that waited come separately.
 */
export async function firstAssignmentStats(db: Tx, from: Date, now: Date): Promise<FirstAssignment> {
  const [row] = await db.$queryRaw<{ count: number; median: number | null; average: number | null; onArrival: number; waitedMedian: number | null; waitedAverage: number | null }[]>`
    SELECT COUNT(*)::int AS count,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY secs))::float8 AS median,
           AVG(secs)::float8 AS average,
           (COUNT(*) FILTER (WHERE secs < ${ON_ARRIVAL_SECONDS}::float8))::int AS "onArrival",
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) FILTER (WHERE secs >= ${ON_ARRIVAL_SECONDS}::float8))::float8 AS "waitedMedian",
           (AVG(secs) FILTER (WHERE secs >= ${ON_ARRIVAL_SECONDS}::float8))::float8 AS "waitedAverage"
    FROM (
      SELECT GREATEST(0, ${epoch(Prisma.sql`MIN(e."createdAt")`)} - ${epoch(Prisma.sql`c."createdAt"`)}) AS secs
      FROM "TimelineEvent" e
      JOIN "Conversation" c ON c.id = e."conversationId"
      WHERE ${givesAssignee(Prisma.sql`e`)} AND e."createdAt" >= ${utc(from)} AND e."createdAt" <= ${utc(now)}
        AND NOT EXISTS (
          SELECT 1 FROM "TimelineEvent" p
          WHERE p."conversationId" = e."conversationId" AND ${givesAssignee(Prisma.sql`p`)} AND p."createdAt" < ${utc(from)}
        )
      GROUP BY e."conversationId", c."createdAt"
    ) f`;
  return {
    count: row.count,
    medianSeconds: row.median,
    averageSeconds: row.average,
    onArrival: row.onArrival,
    waitedMedianSeconds: row.waitedMedian,
    waitedAverageSeconds: row.waitedAverage,
  };
}
