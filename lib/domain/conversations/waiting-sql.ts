// The waiting clock (schema.prisma, Conversation.waitingSince and lastInboundAt) worked out from
// the messages, for conversations written in bulk without create.ts or messages.ts (the seed;
// the migration that added the columns carries the same statement). An answer is an OUTBOUND
// message by an agent or a bot. Never answered: waiting since it was created. Answered: waiting
// since the first customer message after the last answer, or not at all (null).
export const RECOMPUTE_WAITING_SQL = `UPDATE "Conversation" c SET
  "lastInboundAt" = (SELECT max(m."createdAt") FROM "Message" m WHERE m."conversationId" = c.id AND m.direction = 'INBOUND'),
  "waitingSince" = (
    WITH answered AS (
      SELECT max(m."createdAt") AS at FROM "Message" m
      WHERE m."conversationId" = c.id AND m.direction = 'OUTBOUND' AND m."authorType" IN ('AGENT', 'BOT'))
    SELECT CASE WHEN answered.at IS NULL THEN c."createdAt" ELSE
      (SELECT min(m."createdAt") FROM "Message" m WHERE m."conversationId" = c.id AND m.direction = 'INBOUND' AND m."createdAt" > answered.at) END
    FROM answered)`;
