import type { Db } from '../../db';
import { isForeignKeyViolation, sqlOf, sqlTimestamp, orderedId, type Sql, type SqlDriver } from '../../db/sql';
import { sqlUnitOfWork } from '../../db/unit-of-work';
import type { Actor } from '../../access/actor';
import type { Channel, ConversationStatus, Priority } from '../../generated/prisma/enums';
import type { CreateConversationInput } from '../../validation/conversations';
import { disabledAgent, unknownAgent, unknownInbox, unknownQueue } from './references';
import { findOrCreateCustomerSql } from '../customers';
import { ensureTagsSql } from '../tags';
import { decideQueue, type RouteDecision } from '../routing/decide';
import { routesForVersion } from '../routing/saved-routes';
import { advanceTurnCtes, lockForAssignmentCtes, pickAgentCtes, plainPickCtes, plainPickInlineCte, PLAIN_NEEDS_FULL, POLICY_HINTS } from '../assignment/pick-sql';
import { claimStatement, lockInboxesSql, type Claimed } from '../assignment/claim';
import { closedQueuesSql, holdsOutsideHours, type ClosedQueue } from '../assignment/hours-sql';
import { actorColumns } from '../timeline';
import { loadConversation, type ConversationDetail } from './get';
import { conversationEvent, emit } from '../../realtime/outbox';
import { SqlParams } from '../../db/sql-params';
import { messageWordsSql } from './search-sql';

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
  /** Read by updates (a new conversation is never snoozed); a status change clears it. */
  snoozedUntil?: Date | null;
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
 * BEGIN; [customer; tags;] one statement that reads what routing needs; routing in memory; one
 * statement that takes the inbox lock, picks the agent, inserts everything and advances the turn;
 * COMMIT. Two round trips hold the inbox lock (the write, the commit) under the default policy
 * (plainPickCtes); a queue with another policy, or an inbox with capacity-bound agents, first
 * takes lockForAssignment's locks in a statement of their own, so three.
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
      const made = await insertConversation(sql, actor, data, opts.idempotency, sqlOf(db).engine);
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

async function insertConversation(sql: Sql, actor: Actor, data: CreateConversationInput, claim: IdempotencyClaim | undefined, engine: SqlDriver['engine']) {
  const now = new Date();
  const status = data.status ?? 'OPEN';
  const assignable = status === 'OPEN' || status === 'WAITING';
  // Customer and tags first, then the inbox: every writer takes its locks in this order.
  const customer = data.customer ? await findOrCreateCustomerSql(sql, data.customer, now) : null;
  // In the order given (the API answers with them so), each once.
  const tagNames = [...new Set(data.tags ?? [])];
  const tagIds = new Map((await ensureTagsSql(sql, tagNames, now)).map((t) => [t.name, t.id]));
  const wantsPick = assignable && !data.agentId;
  const context = await readContext(sql, data, now);
  if (data.inboxId && !context.inbox) throw unknownInbox();
  if (data.queueId && !context.queueFound) throw unknownQueue();
  if (data.agentId && context.agentEnabled === null) throw unknownAgent();
  if (data.agentId && context.agentEnabled === false) throw disabledAgent();

  const inbox = context.inbox;
  // The request's channel (or its first message's, or that of the inbox it names), else NO_CHANNEL
  // as in the reference: a default inbox that a request did not name says nothing of how the customer wrote.
  const channel: Channel = data.channel ?? data.message?.channel ?? (data.inboxId && inbox ? inbox.channel : 'NO_CHANNEL');
  const givenPriority: Priority = data.priority ?? 'NORMAL';
  const closedQueues = new Map(context.closedQueues.map((q) => [q.id, q]));
  // Created CLOSED (an import), it is final: nothing routes or assigns it. A queue given by the creator is kept.
  const decision =
    assignable && !data.queueId
      ? decideQueue(
          await routesForVersion(sql, context.routeVersionId),
          context.defaultQueue,
          {
            message: data.message ? { text: data.message.text, channel, from: data.message.from ?? null, attributes: data.message.attributes ?? {} } : null,
            customer,
            conversation: { channel, priority: givenPriority, topic: data.topic ?? null, inboxId: inbox?.id ?? null },
            tags: tagNames,
          },
          new Set(closedQueues.keys()),
        )
      : null;
  const queueId = decision ? decision.queueId : (data.queueId ?? null);
  const priority: Priority = decision?.priority ?? givenPriority;
  // Outside its queue's working hours (SPEC §4) it waits unassigned, or is closed, and the customer
  // is told once; an agent named by the creator still takes it.
  const outside = assignable && queueId ? closedQueues.get(queueId) : undefined;
  const held = holdsOutsideHours(outside);
  const closedOutside = held && outside.closeConversations && !data.agentId;
  const finalStatus: ConversationStatus = closedOutside ? 'CLOSED' : status;
  const awayMessage = held && !data.agentId && outside.message.trim() && (data.customer || data.message) ? outside.message : null;
  // The inbox's own toggle is read under its lock (below), by whichever pick runs.
  const doPick = wantsPick && !held;
  // A create that may assign takes the inbox lock, whatever it then decides: every assigner of the
  // inbox and the backlog drain pass one at a time (the drain then sees a conversation left waiting).
  const lock = wantsPick && !!inbox;
  // The default policy (plain round robin, nobody capacity-bound) takes the lock inside the write
  // statement; any other first takes the locks of lockForAssignment (the inbox, then its capped
  // agents), as every auto assigner does, and then picks by the queue's policy.
  const full = lock && (context.hasCapped || (!!queueId && context.nonPlainQueues.includes(queueId)));
  const fullGate = full ? doPick && !!(await lockInboxesSql(sql, [inbox!.id]))[0]?.autoAssign : false;

  const created: CreatedConversation = {
    id: orderedId(),
    topic: data.topic ?? null,
    summary: data.summary ?? null,
    status: finalStatus,
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
    closedAt: finalStatus === 'CLOSED' ? now : null,
  };

  const p = new SqlParams();
  const ts = p.add(sqlTimestamp(now));
  const inboxParam = p.add(created.inboxId);
  const queueParam = p.add(queueId);
  const pick = `${
    full
      ? pickAgentCtes(p, { enabled: fullGate, inbox: inboxParam, queue: queueParam, customer: p.add(created.customerId), now: ts })
      : engine === 'pglite'
        ? // One transaction at a time on PGlite (one connection, one process per folder): what the
          // first statement read is still so, and a lock would only cost a row write.
          plainPickInlineCte(p, { inbox: inboxParam, queue: queueParam, enabled: doPick && !!inbox?.autoAssign })
        : plainPickCtes(p, { inbox: inboxParam, queue: queueParam, lock, enabled: doPick })
  },
    ${advanceTurnCtes(inboxParam, 'pick')}`;
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
  const [row] = await sql.query<{ agentId: string | null; claimed: boolean; needsFull: boolean }>(
    `WITH ${pick},
    conv AS (
      INSERT INTO "Conversation" (id, topic, summary, status, priority, channel, "queueId", "agentId", "inboxId", "customerId", "queuedAt", "assignedAt", "createdAt", "updatedAt", "closedAt", "awayNoticeAt", "waitingSince", "lastInboundAt", "searchDoc")
      SELECT ${p.add(created.id)}, ${p.add(created.topic)}, ${p.add(created.summary)}, ${p.add(finalStatus)}::"ConversationStatus", ${p.add(priority)}::"Priority",
             ${p.add(channel)}::"Channel", ${queueParam}::text, COALESCE(${p.add(created.agentId)}::text, (SELECT "userId" FROM pick)), ${inboxParam}::text,
             ${p.add(created.customerId)}::text, ${p.add(created.queuedAt && sqlTimestamp(created.queuedAt))}::timestamp(3),
             CASE WHEN ${p.add(!!data.agentId)}::boolean OR EXISTS (SELECT 1 FROM pick) THEN ${ts}::timestamp(3) END,
             ${ts}::timestamp(3), ${ts}::timestamp(3), ${p.add(created.closedAt && sqlTimestamp(created.closedAt))}::timestamp(3),
             CASE WHEN ${p.add(!!awayMessage)}::boolean THEN ${ts}::timestamp(3) END,
             -- The waiting clock (schema.prisma): a new conversation waits for its first answer.
             ${ts}::timestamp(3), CASE WHEN ${p.add(!!data.message)}::boolean THEN ${ts}::timestamp(3) END,
             -- The search words of the messages below (search-sql.ts): the row is then written once.
             ${messageWordsSql(`${p.add([data.message?.text, awayMessage].filter(Boolean).join(' '))}::text`)}
      RETURNING id),
    away AS (
      INSERT INTO "Message" (id, "conversationId", direction, channel, "from", "to", text, attributes, "authorType", "createdAt", "updatedAt")
      SELECT ${p.add(orderedId())}, conv.id, 'OUTBOUND', ${p.add(channel)}::"Channel", NULL, ${p.add(data.message?.from ?? null)}::text,
             ${p.add(awayMessage ?? '')}::text, '{"outOfOffice":true}'::jsonb, 'SYSTEM', ${ts}::timestamp(3) + interval '1 millisecond', ${ts}::timestamp(3) + interval '1 millisecond'
      FROM conv WHERE ${p.add(!!awayMessage)}::boolean),
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
        (3, ${p.add(orderedId())}::text, 'ASSIGNEE_CHANGED', (SELECT reason FROM pick), '{"agentId":null}'::jsonb,
           (SELECT jsonb_build_object('agentId', "userId") FROM pick), EXISTS (SELECT 1 FROM pick)),
        (4, ${p.add(orderedId())}::text, 'STATUS_CHANGED', 'closed: outside working hours', ${p.add(JSON.stringify({ status }))}::jsonb,
           '{"status":"CLOSED"}'::jsonb, ${p.add(closedOutside)}::boolean)
      ) AS e(n, id, kind, reason, before, after, include)
      WHERE e.include)
    ${idem}
    SELECT (SELECT "userId" FROM pick) AS "agentId", ${claim ? 'EXISTS (SELECT 1 FROM idem)' : 'true'} AS claimed,
      ${full || engine === 'pglite' ? 'false' : PLAIN_NEEDS_FULL} AS "needsFull"`,
    p.values,
    { prepare: true },
  );
  if (!row.claimed) throw new AlreadyClaimed();
  if (row.agentId && !created.agentId) created.agentId = row.agentId;
  if (row.needsFull) await claimByPolicy(sql, actor, created, claim, now);
  if (created.agentId) created.assignedAt = now;
  return { created, decision };
}

type CreateContext = {
  inbox: { id: string; channel: Channel; autoAssign: boolean } | null;
  routeVersionId: string | null;
  defaultQueue: { id: string; name: string } | null;
  queueFound: boolean;
  agentEnabled: boolean | null;
  closedQueues: ClosedQueue[];
  hasCapped: boolean;
  nonPlainQueues: string[];
};

/**
 * One statement, before any lock: the inbox (the one asked for; else the oldest of the channel; else
 * the default); the current route-list version; the default queue; the queues outside their working
 * hours now; whether a given queue and agent exist; and the hints that choose the pick
 * (`POLICY_HINTS`). What depends on the inbox lock is read again under it, by the pick.
 */
async function readContext(sql: Sql, data: CreateConversationInput, now: Date): Promise<CreateContext> {
  const given = data.channel ?? data.message?.channel;
  const byChannel = given && given !== 'NO_CHANNEL' ? given : null;
  const target = `COALESCE($1::text,
         (SELECT id FROM "Inbox" WHERE channel = $2::"Channel" ORDER BY "createdAt", id LIMIT 1),
         (SELECT id FROM "Inbox" WHERE "isDefault" ORDER BY "createdAt", id LIMIT 1))`;
  const [row] = await sql.query<CreateContext>(
    `WITH ${lockForAssignmentCtes(`ARRAY[${target}]`, false)},
       inbox AS (SELECT id, channel, "autoAssign" FROM locked_inbox)
     SELECT (SELECT row_to_json(inbox) FROM inbox) AS inbox,
       ${POLICY_HINTS},
       ${CONTEXT_COLUMNS}`,
    [data.inboxId ?? null, byChannel, data.queueId ?? null, data.agentId ?? null, sqlTimestamp(now)],
    { prepare: true },
  );
  return row;
}

const CONTEXT_COLUMNS = `(SELECT id FROM "RouteListVersion" ORDER BY version DESC LIMIT 1) AS "routeVersionId",
       (SELECT json_build_object('id', id, 'name', name) FROM "Queue" WHERE "isDefault" LIMIT 1) AS "defaultQueue",
       EXISTS (SELECT 1 FROM "Queue" WHERE id = $3::text) AS "queueFound",
       (SELECT enabled FROM "User" WHERE id = $4::text) AS "agentEnabled",
       ${closedQueuesSql('$5')} AS "closedQueues"`;

/**
 * The plain pick found the policy not to be the default after all (a capacity or the queue's
 * settings changed since the hint): the conversation, made unassigned, is claimed by its queue's
 * policy under lockForAssignment, as the backlog drain would, and a stored idempotent answer names
 * the agent.
 */
async function claimByPolicy(sql: Sql, actor: Actor, created: CreatedConversation, claim: IdempotencyClaim | undefined, now: Date): Promise<void> {
  const [locked] = await lockInboxesSql(sql, [created.inboxId!]);
  if (!locked?.autoAssign) return;
  const { text, values } = claimStatement(actor, { id: created.id, inboxId: created.inboxId!, queueId: created.queueId, customerId: created.customerId }, { now });
  const [row] = await sql.query<{ claimed: Claimed }>(text, values, { prepare: true });
  if (!row) return;
  created.agentId = row.claimed.agentId;
  if (claim)
    await sql.query(`UPDATE "IdempotencyRecord" SET "responseBody" = "responseBody" || jsonb_build_object('agentId', $3::text) WHERE "apiKeyId" = $1 AND key = $2`, [
      claim.apiKeyId,
      claim.key,
      created.agentId,
    ]);
}
