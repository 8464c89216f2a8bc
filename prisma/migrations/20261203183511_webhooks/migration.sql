-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterEnum
ALTER TYPE "AuditEntity" ADD VALUE 'WEBHOOK';

-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" TEXT NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "secret" VARCHAR(100) NOT NULL,
    "events" TEXT[],
    "inboxIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "queueIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "pausedAt" TIMESTAMP(3),
    "pauseReason" VARCHAR(500),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "type" VARCHAR(60) NOT NULL,
    "conversationId" TEXT,
    "sequence" INTEGER,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "subscriptionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastAttemptAt" TIMESTAMP(3),
    "lastStatusCode" INTEGER,
    "lastError" VARCHAR(500),
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusCode" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "error" VARCHAR(500),
    "responseExcerpt" VARCHAR(1000),

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookSequence" (
    "conversationId" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "WebhookSequence_pkey" PRIMARY KEY ("conversationId")
);

-- CreateIndex
CREATE INDEX "WebhookEvent_createdAt_idx" ON "WebhookEvent"("createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_subscriptionId_createdAt_idx" ON "WebhookDelivery"("subscriptionId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_subscriptionId_eventId_key" ON "WebhookDelivery"("subscriptionId", "eventId");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_at_idx" ON "WebhookAttempt"("deliveryId", "at");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "WebhookSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "WebhookEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Only the worker's claim reads pending deliveries: a partial index keeps its poll tiny however
-- long the delivery log grows.
CREATE INDEX "WebhookDelivery_pending_manual" ON "WebhookDelivery" ("nextAttemptAt") WHERE status = 'PENDING';

-- Manual (names end in _manual, see scripts/db-migration.ts): the webhook outbox is written by
-- statement-level triggers on the rows every change already writes — a conversation's timeline
-- entry (created, routed, assigned, status, priority, tags, notes…), a message, a user's
-- availability — in the same transaction and the same statement, so the create hot path keeps its
-- round trips (the write statement's own CTE inserts fire them) and no code path can forget an
-- event. With no enabled subscription each trigger costs one EXISTS on an empty table and writes
-- nothing. Events no subscription wants (type, inbox, queue) are not written either.

-- events: [{type, conversationId, inboxId, queueId, data}] in the order they happened. Numbers
-- them per conversation (the counter row is locked until COMMIT, so numbers follow commit order
-- for one conversation), stores them and one delivery per subscription that wants each.
CREATE FUNCTION switchboard_webhook_fanout_manual(events jsonb) RETURNS void LANGUAGE sql VOLATILE AS $$
  WITH ev AS MATERIALIZED (
    SELECT gen_random_uuid()::text AS id, e.ord, e.v->>'type' AS type, e.v->>'conversationId' AS cid,
           e.v->>'inboxId' AS inbox, e.v->>'queueId' AS queue, e.v->'data' AS data
    FROM jsonb_array_elements(events) WITH ORDINALITY AS e(v, ord)),
  m AS MATERIALIZED (
    SELECT ev.id AS event_id, s.id AS sub_id
    FROM ev JOIN "WebhookSubscription" s ON s.enabled AND ev.type = ANY (s.events)
      -- Inbox and queue filters narrow conversation events; agent events have neither.
      AND (ev.cid IS NULL OR ((cardinality(s."inboxIds") = 0 OR ev.inbox = ANY (s."inboxIds"))
                          AND (cardinality(s."queueIds") = 0 OR ev.queue = ANY (s."queueIds"))))),
  wanted AS MATERIALIZED (SELECT * FROM ev WHERE EXISTS (SELECT 1 FROM m WHERE m.event_id = ev.id)),
  counts AS MATERIALIZED (SELECT cid, count(*)::int AS n FROM wanted WHERE cid IS NOT NULL GROUP BY cid),
  seq AS (
    INSERT INTO "WebhookSequence" AS s ("conversationId", last) SELECT cid, n FROM counts
    ON CONFLICT ("conversationId") DO UPDATE SET last = s.last + EXCLUDED.last
    RETURNING "conversationId" AS cid, last),
  numbered AS (
    SELECT w.id, w.type, w.cid, w.data,
           CASE WHEN w.cid IS NULL THEN NULL ELSE seq.last - counts.n + row_number() OVER (PARTITION BY w.cid ORDER BY w.ord) END::int AS sequence
    FROM wanted w LEFT JOIN counts ON counts.cid = w.cid LEFT JOIN seq ON seq.cid = w.cid),
  stored AS (
    INSERT INTO "WebhookEvent" (id, type, "conversationId", sequence, data, "createdAt")
    SELECT id, type, cid, sequence,
           CASE WHEN cid IS NULL THEN data ELSE data || jsonb_build_object('sequence', sequence) END,
           (now() AT TIME ZONE 'UTC')::timestamp(3)
    FROM numbered
    RETURNING id)
  INSERT INTO "WebhookDelivery" (id, "subscriptionId", "eventId", "nextAttemptAt", "expiresAt", "createdAt")
  SELECT gen_random_uuid()::text, m.sub_id, m.event_id, (now() AT TIME ZONE 'UTC')::timestamp(3),
         (now() AT TIME ZONE 'UTC')::timestamp(3) + interval '24 hours', (now() AT TIME ZONE 'UTC')::timestamp(3)
  FROM m JOIN stored ON stored.id = m.event_id;
$$;

-- The conversation as an event shows it (its state at the end of the statement that changed it).
CREATE FUNCTION switchboard_webhook_conversation_manual(c "Conversation", queue_name text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', c.id, 'status', c.status, 'priority', c.priority, 'channel', c.channel,
    'inboxId', c."inboxId", 'queueId', c."queueId", 'queueName', queue_name, 'agentId', c."agentId",
    'customerId', c."customerId", 'topic', c.topic)
$$;

CREATE FUNCTION switchboard_webhook_timeline_manual() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  events jsonb;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookSubscription" WHERE enabled) THEN
    RETURN NULL;
  END IF;
  SELECT jsonb_agg(jsonb_build_object('type', x.type, 'conversationId', c.id, 'inboxId', c."inboxId", 'queueId', c."queueId",
           'data', jsonb_build_object(
             'conversationId', c.id,
             'conversation', switchboard_webhook_conversation_manual(c, q.name),
             'change', t.kind, 'before', t.before, 'after', t.after, 'reason', t.reason,
             'actor', jsonb_build_object('kind', t."actorKind", 'userId', t."actorUserId", 'apiKeyId', t."actorApiKeyId", 'name', t."actorName"))
           || CASE WHEN t.kind = 'NOTE_ADDED' THEN jsonb_build_object('note',
                (SELECT jsonb_build_object('id', n.id, 'content', n.content, 'authorId', n."authorId", 'mentionedUserIds', to_jsonb(n."mentionedUserIds"))
                 FROM "Note" n WHERE n.id = t.after->>'noteId')) ELSE '{}'::jsonb END)
         ORDER BY t."createdAt", t.id, x.n)
    INTO events
  FROM new_rows t
  JOIN "Conversation" c ON c.id = t."conversationId"
  LEFT JOIN "Queue" q ON q.id = c."queueId"
  CROSS JOIN LATERAL unnest(CASE t.kind
      WHEN 'CREATED' THEN ARRAY['conversation.created']
      WHEN 'ROUTED' THEN ARRAY['conversation.routed']
      WHEN 'ASSIGNEE_CHANGED' THEN CASE WHEN t.after->>'agentId' IS NULL THEN ARRAY['conversation.unassigned'] ELSE ARRAY['conversation.assigned'] END
      WHEN 'STATUS_CHANGED' THEN CASE WHEN t.after->>'status' = 'CLOSED' THEN ARRAY['conversation.updated', 'conversation.closed'] ELSE ARRAY['conversation.updated'] END
      WHEN 'TAG_ADDED' THEN ARRAY['tag.added']
      WHEN 'TAG_REMOVED' THEN ARRAY['tag.removed']
      WHEN 'NOTE_ADDED' THEN ARRAY['note.created']
      -- QUEUE_CHANGED (set by hand), PRIORITY_CHANGED, PROPERTIES_CHANGED, METADATA_CHANGED
      ELSE ARRAY['conversation.updated'] END) WITH ORDINALITY AS x(type, n);
  IF events IS NOT NULL THEN
    PERFORM switchboard_webhook_fanout_manual(events);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION switchboard_webhook_message_manual() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  events jsonb;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookSubscription" WHERE enabled) THEN
    RETURN NULL;
  END IF;
  SELECT jsonb_agg(jsonb_build_object('type', 'message.created', 'conversationId', c.id, 'inboxId', c."inboxId", 'queueId', c."queueId",
           'data', jsonb_build_object(
             'conversationId', c.id,
             'conversation', switchboard_webhook_conversation_manual(c, q.name),
             'message', jsonb_build_object('id', m.id, 'direction', m.direction, 'channel', m.channel, 'from', m."from", 'to', m."to",
               'text', m.text, 'attributes', m.attributes, 'authorType', m."authorType", 'authorId', m."authorId", 'apiKeyId', m."authorApiKeyId")))
         ORDER BY m."createdAt", m.id)
    INTO events
  FROM new_rows m
  JOIN "Conversation" c ON c.id = m."conversationId"
  LEFT JOIN "Queue" q ON q.id = c."queueId";
  IF events IS NOT NULL THEN
    PERFORM switchboard_webhook_fanout_manual(events);
  END IF;
  RETURN NULL;
END $$;

-- Availability as the API shows it: the chosen ONLINE/BUSY/OFFLINE, and `away` while the presence
-- sweep holds a silent console as disconnected.
CREATE FUNCTION switchboard_webhook_agent_manual() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  events jsonb;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookSubscription" WHERE enabled) THEN
    RETURN NULL;
  END IF;
  SELECT jsonb_agg(jsonb_build_object('type', 'agent.availability_changed',
           'data', jsonb_build_object('agentId', n.id, 'name', n.name, 'availability', n.availability, 'status', n.status,
             'away', n."disconnectedAt" IS NOT NULL, 'before', jsonb_build_object('availability', o.availability, 'away', o."disconnectedAt" IS NOT NULL)))
         ORDER BY n.id)
    INTO events
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE n.availability IS DISTINCT FROM o.availability OR (n."disconnectedAt" IS NULL) <> (o."disconnectedAt" IS NULL);
  IF events IS NOT NULL THEN
    PERFORM switchboard_webhook_fanout_manual(events);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER switchboard_webhook_timeline_manual AFTER INSERT ON "TimelineEvent"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION switchboard_webhook_timeline_manual();
CREATE TRIGGER switchboard_webhook_message_manual AFTER INSERT ON "Message"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION switchboard_webhook_message_manual();
CREATE TRIGGER switchboard_webhook_agent_manual AFTER UPDATE ON "User"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION switchboard_webhook_agent_manual();
