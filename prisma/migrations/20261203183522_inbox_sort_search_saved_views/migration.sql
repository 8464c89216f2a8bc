-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "lastInboundAt" TIMESTAMP(3),
ADD COLUMN     "waitingSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "query" VARCHAR(2000) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_name_key" ON "SavedView"("userId", "name");

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Manual (names end in _manual, see scripts/db-migration.ts): what Prisma's schema language cannot
-- express. The expressions must stay identical to lib/domain/conversations/search-sql.ts, or the
-- planner will not use these indexes.

-- The waiting clock for conversations that exist already (create.ts and messages.ts keep it from
-- now on): an answer is an OUTBOUND message by an agent or a bot. Never answered: waiting since it
-- was created. Answered: waiting since the first customer message after the last answer, or not.
UPDATE "Conversation" c SET
  "lastInboundAt" = (SELECT max(m."createdAt") FROM "Message" m WHERE m."conversationId" = c.id AND m.direction = 'INBOUND'),
  "waitingSince" = (
    WITH answered AS (
      SELECT max(m."createdAt") AS at FROM "Message" m
      WHERE m."conversationId" = c.id AND m.direction = 'OUTBOUND' AND m."authorType" IN ('AGENT', 'BOT'))
    SELECT CASE WHEN answered.at IS NULL THEN c."createdAt" ELSE
      (SELECT min(m."createdAt") FROM "Message" m WHERE m."conversationId" = c.id AND m.direction = 'INBOUND' AND m."createdAt" > answered.at) END
    FROM answered);

-- The inbox's sorts over open work (OPEN and WAITING: the default view). Partial, so that a page of
-- the default view is an ordered index scan that stops after the page, however many are solved.
CREATE INDEX "Conversation_active_waiting_manual" ON "Conversation" ("waitingSince", id) WHERE status IN ('OPEN', 'WAITING');
CREATE INDEX "Conversation_active_priority_manual" ON "Conversation" (priority, "waitingSince", id) WHERE status IN ('OPEN', 'WAITING');
CREATE INDEX "Conversation_active_last_inbound_manual" ON "Conversation" ("lastInboundAt" NULLS FIRST, id) WHERE status IN ('OPEN', 'WAITING');

-- Search (lib/domain/conversations/search-sql.ts): full text, 'simple' configuration (no language's
-- stemming or stop words: customers write in many), one GIN index per table searched.
CREATE INDEX "Conversation_search_manual" ON "Conversation" USING GIN (to_tsvector('simple'::regconfig, coalesce(topic, '') || ' ' || coalesce(summary, '')));
CREATE INDEX "Customer_search_manual" ON "Customer" USING GIN (to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || translate(coalesce(email, ''), '@.+_-', '     ') || ' ' || coalesce(phone, '') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')));
CREATE INDEX "Message_search_manual" ON "Message" USING GIN (to_tsvector('simple'::regconfig, text));
