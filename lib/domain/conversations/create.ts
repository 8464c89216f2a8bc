import type { Db } from '../../db';
import { isForeignKeyViolation, sqlTimestamp, orderedId, type Sql } from '../../db/sql';
import { sqlUnitOfWork } from '../../db/unit-of-work';
import type { Actor } from '../../access/actor';
import type { Channel, ConversationStatus, Priority } from '../../generated/prisma/enums';
import type { CreateConversationInput } from '../../validation/conversations';
import { disabledAgent, unknownAgent, unknownInbox, unknownQueue } from './references';
import { findOrCreateCustomerSql } from '../customers';
import { ensureTagsSql } from '../tags';
import { decideQueue, type RouteDecision } from '../routing/decide';
import { routesForVersion } from '../routing/saved-routes';
import { pickRoundRobinCte } from '../assignment/pick-sql';
import { actorColumns } from '../timeline';
import { loadConversation, type ConversationDetail } from './get';
import { conversationEvent, emit } from '../../realtime/outbox';
import { SqlParams } from '../../db/sql-params';

/** What a create wrote, as the transaction knew it: enough to answer without reading it back. */
export type CreatedConversation = {
  id: string;
  topic: string | null;
  summary: string | null;
  status: ConversationStatus;
  priority: Priority;
  channel: Channel;
  queueId: string | null;
  agentId: string | null;
  inboxId: string | null;
  customerId: string | null;
  tags: string[];
  queuedAt: Date | null;
  assignedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
};

/**
 * An Idempotency-Key claimed inside the creating transaction: the record and the conversation
 * commit together or not at all, so a crash mid-request leaves nothing behind and a retry simply
 * runs again. `response` renders the answer to store for replays; the assignee is added by the
 * statement that picks it (`agentId`, the one field the pick decides).
 */
export type IdempotencyClaim = {
  apiKeyId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  response: (c: CreatedConversation) => Record<string, unknown>;
};

export type CreateResult = { created: CreatedConversation } | { replay: true };

const IDEMPOTENCY_TTL = '24 hours';
/** An in-flight marker of the record-after-work path (lib/http/idempotency.ts) older than this was left by a crash. */
const IN_FLIGHT_EXPIRY = '1 minute';

class AlreadyClaimed extends Error {}

/** Creates a conversation (customer, tags, first inbound message), routes it and auto-assigns it; returns it as stored. */
export async function createConversation(db: Db, actor: Actor, input: CreateConversationInput): Promise<ConversationDetail> {
  const result = await createConversationRecord(db, actor, input);
  // Without an Idempotency-Key there is nothing to replay.
  if ('replay' in result) throw new Error('A create without an Idempotency-Key cannot be a replay.');
  // The creator gets back what they made, even when routing put it where they cannot see it.
  return loadConversation(db, result.created.id);
}

/**
 * The create → route → assign hot path, in raw SQL on the driver under Prisma (lib/db/sql.ts):
 * BEGIN; [customer; tags;] one statement that takes the inbox lock and reads what routing needs;
 * routing in memory; one statement that picks the agent, inserts everything and advances the turn;
 * COMMIT. Three round trips hold the inbox lock (the lock itself, the write, the commit).
 */
export async function createConversationRecord(db: Db, actor: Actor, data: CreateConversationInput, opts: { idempotency?: IdempotencyClaim } = {}): Promise<CreateResult> {
  try {
    return await createOnce(db, actor, data, opts);
  } catch (e) {
    // A tag (or queue, customer) deleted between this transaction's read and its insert: the whole
    // transaction rolled back, so run it once more; it re-reads, re-creates the tag or refuses clearly.
    if (!isForeignKeyViolation(e)) throw e;
    return createOnce(db, actor, data, opts);
  }
}

async function createOnce(db: Db, actor: Actor, data: CreateConversationInput, opts: { idempotency?: IdempotencyClaim }): Promise<CreateResult> {
  let created: CreatedConversation;
  try {
    created = await sqlUnitOfWork(db, async (sql) => {
      const made = await insertConversation(sql, actor, data, opts.idempotency);
      // Published after COMMIT by the unit of work: the statement returned everything that committed.
      const changes = ['created' as const, ...(made.decision ? (['routed'] as const) : []), ...(made.created.agentId && !data.agentId ? (['assignee'] as const) : [])];
      emit(sql, conversationEvent(made.created, [...changes], { queueId: null, agentId: null }, actor));
      return made.created;
    });
  } catch (e) {
    if (e instanceof AlreadyClaimed) return { replay: true };
    throw e;
  }
  return { created };
}

async function insertConversation(sql: Sql, actor: Actor, data: CreateConversationInput, claim: IdempotencyClaim | undefined) {
  const now = new Date();
  const status = data.status ?? 'OPEN';
  const assignable = status === 'OPEN' || status === 'WAITING';
  // Customer and tags first, then the inbox: every writer takes its locks in this order.
  const customer = data.customer ? await findOrCreateCustomerSql(sql, data.customer, now) : null;
  // In the order given (the API answers with them so), each once.
  const tagNames = [...new Set(data.tags ?? [])];
  const tagIds = new Map((await ensureTagsSql(sql, tagNames, now)).map((t) => [t.name, t.id]));
  const wantsPick = assignable && !data.agentId;
  const context = await readContext(sql, data, wantsPick);
  if (data.inboxId && !context.inbox) throw unknownInbox();
  if (data.queueId && !context.queueFound) throw unknownQueue();
  if (data.agentId && context.agentEnabled === null) throw unknownAgent();
  if (data.agentId && context.agentEnabled === false) throw disabledAgent();

  const inbox = context.inbox;
  // The request's channel (or its first message's, or that of the inbox it names), else NO_CHANNEL
  // as in the reference: a default inbox that a request did not name says nothing of how the customer wrote.
  const channel: Channel = data.channel ?? data.message?.channel ?? (data.inboxId && inbox ? inbox.channel : 'NO_CHANNEL');
  const givenPriority: Priority = data.priority ?? 'NORMAL';
  // Created CLOSED (an import), it is final: nothing routes or assigns it. A queue given by the creator is kept.
  const decision =
    assignable && !data.queueId
      ? decideQueue(await routesForVersion(sql, context.routeVersionId), context.defaultQueue, {
          message: data.message ? { text: data.message.text, channel, from: data.message.from ?? null, attributes: data.message.attributes ?? {} } : null,
          customer,
          conversation: { channel, priority: givenPriority, topic: data.topic ?? null, inboxId: inbox?.id ?? null },
          tags: tagNames,
        })
      : null;
  const queueId = decision ? decision.queueId : (data.queueId ?? null);
  const priority: Priority = decision?.priority ?? givenPriority;
  const doPick = wantsPick && !!inbox?.autoAssign;

  const created: CreatedConversation = {
    id: orderedId(),
    topic: data.topic ?? null,
    summary: data.summary ?? null,
    status,
    priority,
    channel,
    queueId,
    agentId: data.agentId ?? null,
    inboxId: inbox?.id ?? null,
    customerId: customer?.id ?? null,
    tags: tagNames,
    queuedAt: queueId ? now : null,
    assignedAt: data.agentId ? now : null,
    createdAt: now,
    updatedAt: now,
    closedAt: status === 'CLOSED' ? now : null,
  };

  const p = new SqlParams();
  const ts = p.add(sqlTimestamp(now));
  const inboxParam = p.add(created.inboxId);
  const queueParam = p.add(queueId);
  const pick = pickRoundRobinCte(p, { enabled: doPick, inbox: inboxParam, queue: queueParam });
  const who = actorColumns(actor);
  const systemReason = actor.kind === 'system' ? actor.reason : null;
  const createdAfter = { status, priority: givenPriority, channel, inboxId: created.inboxId, queueId: data.queueId ?? null, agentId: data.agentId ?? null, tags: created.tags };
  const routedReason = decision
    ? `${p.add(decision.reasonPrefix)}::text || ${decision.reasonNamesQueue ? `COALESCE((SELECT name FROM "Queue" WHERE id = ${queueParam}::text), '')` : `''`} || ${p.add(decision.reasonSuffix)}::text`
    : 'NULL';
  const idem = claim
    ? `, idem AS (
        INSERT INTO "IdempotencyRecord" (id, "apiKeyId", key, method, path, "requestHash", "statusCode", "responseBody", "createdAt")
        VALUES (${p.add(orderedId())}, ${p.add(claim.apiKeyId)}, ${p.add(claim.key)}, ${p.add(claim.method)}, ${p.add(claim.path.slice(0, 500))}, ${p.add(claim.requestHash)}, 200,
                ${p.add(JSON.stringify(claim.response(created)))}::jsonb || COALESCE((SELECT jsonb_build_object('agentId', "userId") FROM pick), '{}'::jsonb), ${ts}::timestamp(3))
        ON CONFLICT ("apiKeyId", key) DO UPDATE SET
          id = EXCLUDED.id, method = EXCLUDED.method, path = EXCLUDED.path, "requestHash" = EXCLUDED."requestHash",
          "statusCode" = EXCLUDED."statusCode", "responseBody" = EXCLUDED."responseBody", "createdAt" = EXCLUDED."createdAt"
        WHERE "IdempotencyRecord"."createdAt" < ${ts}::timestamp(3) - interval '${IDEMPOTENCY_TTL}'
           OR ("IdempotencyRecord"."statusCode" IS NULL AND "IdempotencyRecord"."createdAt" < ${ts}::timestamp(3) - interval '${IN_FLIGHT_EXPIRY}')
        RETURNING 1)`
    : '';
  const [row] = await sql.query<{ agentId: string | null; claimed: boolean }>(
    `WITH ${pick.ctes},
    conv AS (
      INSERT INTO "Conversation" (id, topic, summary, status, priority, channel, "queueId", "agentId", "inboxId", "customerId", "queuedAt", "assignedAt", "createdAt", "updatedAt", "closedAt")
      SELECT ${p.add(created.id)}, ${p.add(created.topic)}, ${p.add(created.summary)}, ${p.add(status)}::"ConversationStatus", ${p.add(priority)}::"Priority",
             ${p.add(channel)}::"Channel", ${queueParam}::text, COALESCE(${p.add(created.agentId)}::text, (SELECT "userId" FROM pick)), ${inboxParam}::text,
             ${p.add(created.customerId)}::text, ${p.add(created.queuedAt && sqlTimestamp(created.queuedAt))}::timestamp(3),
             CASE WHEN ${p.add(!!data.agentId)}::boolean OR EXISTS (SELECT 1 FROM pick) THEN ${ts}::timestamp(3) END,
             ${ts}::timestamp(3), ${ts}::timestamp(3), ${p.add(created.closedAt && sqlTimestamp(created.closedAt))}::timestamp(3)
      RETURNING id),
    msg AS (
      INSERT INTO "Message" (id, "conversationId", direction, channel, "from", "to", text, attributes, "authorType", "createdAt", "updatedAt")
      SELECT ${p.add(orderedId())}, conv.id, 'INBOUND', ${p.add(channel)}::"Channel", ${p.add(data.message?.from ?? null)}::text, ${p.add(data.message?.to ?? null)}::text,
             ${p.add(data.message?.text ?? '')}::text, ${p.add(JSON.stringify(data.message?.attributes ?? {}))}::jsonb, 'CUSTOMER', ${ts}::timestamp(3), ${ts}::timestamp(3)
      FROM conv WHERE ${p.add(!!data.message)}::boolean),
    tagged AS (
      INSERT INTO "ConversationTag" ("conversationId", "tagId")
      SELECT conv.id, t.id FROM conv, unnest(${p.add(tagNames.map((n) => tagIds.get(n)))}::text[]) WITH ORDINALITY AS t(id, n) ORDER BY t.n),
    timeline AS (
      INSERT INTO "TimelineEvent" (id, "conversationId", kind, "actorKind", "actorUserId", "actorApiKeyId", "actorName", reason, before, after, "createdAt")
      SELECT e.id, conv.id, e.kind::"TimelineKind", ${p.add(who.actorKind)}::"ActorKind", ${p.add(who.actorUserId)}::text, ${p.add(who.actorApiKeyId)}::text,
             ${p.add(who.actorName)}::text, e.reason, e.before, e.after, ${ts}::timestamp(3)
      FROM conv, (VALUES
        (1, ${p.add(orderedId())}::text, 'CREATED', ${p.add(systemReason)}::text, NULL::jsonb, ${p.add(JSON.stringify(createdAfter))}::jsonb, true),
        (2, ${p.add(orderedId())}::text, 'ROUTED', ${routedReason},
           ${p.add(JSON.stringify({ queueId: data.queueId ?? null, priority: givenPriority }))}::jsonb,
           ${p.add(JSON.stringify({ queueId, priority, routeId: decision?.routeId ?? null }))}::jsonb, ${p.add(!!decision)}::boolean),
        (3, ${p.add(orderedId())}::text, 'ASSIGNEE_CHANGED', 'round robin', '{"agentId":null}'::jsonb,
           (SELECT jsonb_build_object('agentId', "userId") FROM pick), EXISTS (SELECT 1 FROM pick))
      ) AS e(n, id, kind, reason, before, after, include)
      WHERE e.include)
    ${idem}
    SELECT (SELECT "userId" FROM pick) AS "agentId", ${claim ? 'EXISTS (SELECT 1 FROM idem)' : 'true'} AS claimed`,
    p.values,
    { prepare: true },
  );
  if (!row.claimed) throw new AlreadyClaimed();
  if (row.agentId && !created.agentId) created.agentId = row.agentId;
  if (created.agentId) created.assignedAt = now;
  return { created, decision };
}

type CreateContext = {
  inbox: { id: string; channel: Channel; autoAssign: boolean } | null;
  routeVersionId: string | null;
  defaultQueue: { id: string; name: string } | null;
  queueFound: boolean;
  agentEnabled: boolean | null;
};

/**
 * One statement: the inbox (the one asked for; else the oldest of the channel; else the default),
 * locked for the rest of the transaction when an agent may be picked, so every assignment in one
 * inbox, from any app instance, passes one at a time; the current route-list version; the default
 * queue; and whether a given queue and agent exist. NO KEY UPDATE, not UPDATE: inserting a row that
 * references the inbox takes KEY SHARE on it, which NO KEY UPDATE does not block. Whatever is read
 * beside the locked row may predate the lock: the pool is read by the next statement, after it.
 */
async function readContext(sql: Sql, data: CreateConversationInput, lock: boolean): Promise<CreateContext> {
  const given = data.channel ?? data.message?.channel;
  const byChannel = given && given !== 'NO_CHANNEL' ? given : null;
  const [row] = await sql.query<CreateContext>(
    `WITH target AS (
       SELECT COALESCE($1::text,
         (SELECT id FROM "Inbox" WHERE channel = $2::"Channel" ORDER BY "createdAt", id LIMIT 1),
         (SELECT id FROM "Inbox" WHERE "isDefault" ORDER BY "createdAt", id LIMIT 1)) AS id),
     inbox AS (
       SELECT i.id, i.channel, i."autoAssign" FROM "Inbox" i JOIN target ON i.id = target.id ${lock ? 'FOR NO KEY UPDATE OF i' : ''})
     SELECT (SELECT row_to_json(inbox) FROM inbox) AS inbox,
       (SELECT id FROM "RouteListVersion" ORDER BY version DESC LIMIT 1) AS "routeVersionId",
       (SELECT json_build_object('id', id, 'name', name) FROM "Queue" WHERE "isDefault" LIMIT 1) AS "defaultQueue",
       EXISTS (SELECT 1 FROM "Queue" WHERE id = $3::text) AS "queueFound",
       (SELECT enabled FROM "User" WHERE id = $4::text) AS "agentEnabled"`,
    [data.inboxId ?? null, byChannel, data.queueId ?? null, data.agentId ?? null],
    { prepare: true },
  );
  return row;
}
