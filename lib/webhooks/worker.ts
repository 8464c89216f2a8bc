import type { Db } from '../db';
import { sqlTimestamp, sqlTimestampText } from '../db/sql';
import { apiTimestamp } from '../http/format';
import { signatureHeader } from './signature';
import { send, TIMEOUT_MS, type SendResult } from './target';

/**
 * The webhook delivery worker. Every app instance runs one (instrumentation.ts); they share the
 * work through the database alone:
 * - a claim is one UPDATE over rows picked `FOR UPDATE SKIP LOCKED`, which moves the delivery's
 *   nextAttemptAt a lease into the future, so no other instance (nor this one) takes it while its
 *   request is under way; a process that dies mid-request leaves the lease to expire and another
 *   instance sends again (at least once, never twice at the same time);
 * - the outcome is written only by the claim that made it (attempts unchanged since), so a late
 *   answer never overwrites a newer claim;
 * - deliveries are independent: a failing one waits for its retry while later events go out.
 * Retries back off exponentially with jitter until the delivery's expiresAt (24 h), then it is
 * FAILED; a subscription failing PAUSE_AFTER times in a row (or with a delivery given up) is
 * paused, which the console shows, until an admin enables it again.
 */

const LEASE_MS = TIMEOUT_MS + 50_000;
const BATCH = 20;

export type WorkerOptions = {
  /** Delay of the first retry; each next one doubles, up to maxDelayMs, each with up to half taken off at random. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  pauseAfter?: number;
  now?: () => Date;
};

function envInt(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function defaults(o: WorkerOptions): Required<WorkerOptions> {
  return {
    baseDelayMs: o.baseDelayMs ?? envInt('WEBHOOK_RETRY_BASE_MS', 10_000),
    maxDelayMs: o.maxDelayMs ?? envInt('WEBHOOK_RETRY_MAX_MS', 3_600_000),
    pauseAfter: o.pauseAfter ?? envInt('WEBHOOK_PAUSE_AFTER_FAILURES', 20),
    now: o.now ?? (() => new Date()),
  };
}

type Claimed = { id: string; attempts: number; expiresAt: string; subscriptionId: string; url: string; secret: string; eventId: string; type: string; data: unknown; createdAt: string };

/** Claims up to `limit` due deliveries of enabled, unpaused subscriptions. */
export async function claimDue(db: Db, now: Date, limit = BATCH): Promise<Claimed[]> {
  return db.$queryRawUnsafe<Claimed[]>(
    `UPDATE "WebhookDelivery" d SET "nextAttemptAt" = $2::timestamp(3) + $3 * interval '1 millisecond', attempts = d.attempts + 1, "lastAttemptAt" = $2::timestamp(3)
     FROM (
       SELECT d2.id, s.url, s.secret, e.type, e.data, e."createdAt" AS "eventCreatedAt"
       FROM "WebhookDelivery" d2
       JOIN "WebhookSubscription" s ON s.id = d2."subscriptionId"
       JOIN "WebhookEvent" e ON e.id = d2."eventId"
       WHERE d2.status = 'PENDING' AND d2."nextAttemptAt" <= $2::timestamp(3) AND s.enabled AND s."pausedAt" IS NULL
       ORDER BY d2."nextAttemptAt"
       LIMIT $1
       FOR UPDATE OF d2 SKIP LOCKED) c
     WHERE d.id = c.id
     RETURNING d.id, d.attempts, ${sqlTimestampText('d."expiresAt"')} AS "expiresAt", d."subscriptionId", c.url, c.secret, d."eventId", c.type, c.data,
       ${sqlTimestampText('c."eventCreatedAt"')} AS "createdAt"`,
    limit,
    sqlTimestamp(now),
    LEASE_MS,
  );
}

/** The request body: `{id, type, createdAt, data}`, the same bytes for every attempt but the signature's time. */
export function eventBody(e: { eventId: string; type: string; createdAt: string; data: unknown }): string {
  return JSON.stringify({ id: e.eventId, type: e.type, createdAt: apiTimestamp(new Date(e.createdAt)), data: e.data });
}

export function retryDelay(attempts: number, o: Required<WorkerOptions>, random = Math.random): number {
  const full = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full * (0.5 + random() / 2));
}

async function deliverOne(db: Db, c: Claimed, o: Required<WorkerOptions>): Promise<SendResult> {
  const body = eventBody(c);
  const result = await send(c.url, body, { 'switchboard-event-id': c.eventId, 'switchboard-signature': signatureHeader(c.secret, body, o.now()) });
  const now = o.now();
  const ts = sqlTimestamp(now);
  const givenUp = !result.ok && now.getTime() >= new Date(c.expiresAt).getTime();
  const next = sqlTimestamp(new Date(now.getTime() + retryDelay(c.attempts, o)));
  const error = result.error ?? (result.ok ? null : `Answered ${result.statusCode}${result.statusCode && result.statusCode >= 300 && result.statusCode < 400 ? ' (redirects are not followed)' : ''}.`);
  // One statement: the attempt's log row, the delivery's state and the subscription's failure count.
  await db.$executeRawUnsafe(
    `WITH d AS (
       UPDATE "WebhookDelivery" SET
         status = CASE WHEN $3::boolean THEN 'DELIVERED' WHEN $4::boolean THEN 'FAILED' ELSE 'PENDING' END::"WebhookDeliveryStatus",
         "deliveredAt" = CASE WHEN $3::boolean THEN $5::timestamp(3) ELSE "deliveredAt" END,
         "nextAttemptAt" = CASE WHEN $3::boolean OR $4::boolean::boolean THEN "nextAttemptAt" ELSE $6::timestamp(3) END,
         "lastStatusCode" = $7::int, "lastError" = $8::text
       WHERE id = $1 AND attempts = $2 AND status = 'PENDING'
       RETURNING id, "subscriptionId"),
     a AS (
       INSERT INTO "WebhookAttempt" (id, "deliveryId", at, "statusCode", "latencyMs", error, "responseExcerpt")
       SELECT gen_random_uuid()::text, d.id, $5::timestamp(3), $7::int, $9::int, $8::text, $10::text FROM d)
     UPDATE "WebhookSubscription" s SET
       "consecutiveFailures" = CASE WHEN $3::boolean THEN 0 ELSE s."consecutiveFailures" + 1 END,
       "pausedAt" = CASE WHEN NOT $3::boolean AND s."pausedAt" IS NULL AND ($4::boolean OR s."consecutiveFailures" + 1 >= $11::int) THEN $5::timestamp(3) ELSE s."pausedAt" END,
       "pauseReason" = CASE WHEN NOT $3::boolean AND s."pausedAt" IS NULL AND ($4::boolean OR s."consecutiveFailures" + 1 >= $11::int)
         THEN CASE WHEN $4::boolean THEN 'A delivery was given up after 24 hours of retries. ' ELSE (s."consecutiveFailures" + 1) || ' attempts in a row failed. ' END || 'Last: ' || COALESCE($8::text, '')
         ELSE s."pauseReason" END
     FROM d WHERE s.id = d."subscriptionId"`,
    c.id, c.attempts, result.ok, givenUp, ts, next, result.statusCode, error, result.latencyMs, result.excerpt?.slice(0, 1000) ?? null, o.pauseAfter,
  );
  return result;
}

/** One pass: claims what is due and sends it (the batch's requests side by side). Returns how many were claimed. */
export async function deliverDue(db: Db, options: WorkerOptions = {}): Promise<number> {
  const o = defaults(options);
  const claimed = await claimDue(db, o.now());
  await Promise.all(claimed.map((c) => deliverOne(db, c, o).catch((e) => console.error('webhook delivery failed to record', e))));
  return claimed.length;
}

/**
 * Starts the worker once per process. It polls every WEBHOOK_POLL_MS (default 2 s; one indexed
 * query that finds nothing when there is nothing to send), and runs again at once after a full batch.
 */
export function startWebhookWorker(db: () => Db, everyMs = envInt('WEBHOOK_POLL_MS', 2000)): void {
  const g = globalThis as unknown as { __switchboardWebhooks?: boolean };
  if (g.__switchboardWebhooks || process.env.WEBHOOK_WORKER === '0') return;
  g.__switchboardWebhooks = true;
  const tick = async () => {
    let claimed = 0;
    try {
      claimed = await deliverDue(db());
    } catch (e) {
      console.error('webhook worker pass failed', e);
    }
    setTimeout(tick, claimed >= BATCH ? 0 : everyMs).unref();
  };
  setTimeout(tick, everyMs).unref();
}
