import type { Actor } from '../../access/actor';
import { visibleConversationsSql } from '../../access/visibility';
import { orderedId, sqlTimestamp, sqlTimestampText, type Sql } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { actorColumns, type TimelineEntry } from '../timeline';
import { inManualPoolSql } from '../assignment/pool';
import type { CreatedConversation } from './create';

/** The conversation as it stands under its row lock, with the answers to what the update asked. */
export type LockedConversation = {
  conversation: CreatedConversation;
  visible: boolean;
  /** Whether the queue asked about exists (null: none asked). */
  queueFound: boolean | null;
  /** The agent asked about (null: none asked, or no such user); `eligible` is the manual-pool rule. */
  agent: { name: string; enabled: boolean; eligible: boolean } | null;
};

/** What the checks need beside the row: a queue's existence; an agent, judged against the inbox and the queue it will have (undefined: its current one). */
export type LockQuestions = { queueId?: string; agent?: { id: string; queueId: string | null | undefined } };

type LockedRow = Omit<CreatedConversation, 'queuedAt' | 'assignedAt' | 'createdAt' | 'updatedAt' | 'closedAt' | 'snoozedUntil'> &
  Record<'queuedAt' | 'assignedAt' | 'createdAt' | 'updatedAt' | 'closedAt' | 'snoozedUntil', string | null> &
  Omit<LockedConversation, 'conversation'>;

const date = (text: string | null) => (text === null ? null : new Date(text));

/**
 * Statement 1: takes the row lock for the rest of the transaction and reads, in the same round
 * trip, the row, whether the actor may see it, its tags and whatever the checks need. That read is
 * current only if the statement did not wait: after a lock wait PostgreSQL re-reads the locked row,
 * but the other tables (membership, queues, tags) still in the snapshot from before the wait. So it
 * asks with SKIP LOCKED; when someone else holds the row, it waits for the lock alone and then
 * reads again in a new statement (3 round trips instead of 2, only under contention). NO KEY
 * UPDATE, as access.ts: writers serialize without blocking inserts that reference the row. Tags are
 * read here, not after the write, because a no-op answers with them too; tag changes take this lock.
 */
export async function lockForUpdate(sql: Sql, actor: Actor, id: string, ask: LockQuestions): Promise<LockedConversation | null> {
  const p = new SqlParams();
  const idParam = p.add(id);
  const visible = visibleConversationsSql(actor, p);
  const queueFound = ask.queueId ? `EXISTS (SELECT 1 FROM "Queue" WHERE id = ${p.add(ask.queueId)}::text)` : 'NULL::boolean';
  const agent = ask.agent
    ? `(SELECT json_build_object('name', u.name, 'enabled', u.enabled, 'eligible',
          ${inManualPoolSql('c."inboxId"', ask.agent.queueId === undefined ? 'c."queueId"' : `${p.add(ask.agent.queueId)}::text`)})
        FROM "User" u WHERE u.id = ${p.add(ask.agent.id)}::text)`
    : 'NULL::json';
  const read = (lock: string) =>
    sql.query<LockedRow>(
      `SELECT c.id, c.topic, c.summary, c.status, c.priority, c.channel, c."queueId", c."agentId", c."inboxId", c."customerId",
         ${sqlTimestampText('c."queuedAt"')} AS "queuedAt", ${sqlTimestampText('c."assignedAt"')} AS "assignedAt",
         ${sqlTimestampText('c."createdAt"')} AS "createdAt", ${sqlTimestampText('c."updatedAt"')} AS "updatedAt",
         ${sqlTimestampText('c."closedAt"')} AS "closedAt", ${sqlTimestampText('c."snoozedUntil"')} AS "snoozedUntil",
         ${visible} AS visible,
         (SELECT COALESCE(json_agg(t.name ORDER BY ct."createdAt"), '[]'::json)
            FROM "ConversationTag" ct JOIN "Tag" t ON t.id = ct."tagId" WHERE ct."conversationId" = c.id) AS tags,
         ${queueFound} AS "queueFound", ${agent} AS agent
       FROM "Conversation" c WHERE c.id = ${idParam}::text
       FOR NO KEY UPDATE OF c ${lock}`,
      p.values,
      { prepare: true },
    );
  let [row] = await read('SKIP LOCKED');
  if (!row) {
    const [held] = await sql.query('SELECT id FROM "Conversation" WHERE id = $1 FOR NO KEY UPDATE', [id]);
    if (!held) return null;
    [row] = await read('');
  }
  const { visible: v, queueFound: q, agent: a, ...c } = row;
  return {
    conversation: {
      ...c,
      queuedAt: date(c.queuedAt),
      assignedAt: date(c.assignedAt),
      createdAt: date(c.createdAt)!,
      updatedAt: date(c.updatedAt)!,
      closedAt: date(c.closedAt),
      snoozedUntil: date(c.snoozedUntil),
    },
    visible: v,
    queueFound: q,
    agent: a,
  };
}

/** The columns an update may set, with the type each parameter is cast to. */
const COLUMNS = {
  topic: 'text',
  summary: 'text',
  status: '"ConversationStatus"',
  priority: '"Priority"',
  queueId: 'text',
  queuedAt: 'timestamp(3)',
  agentId: 'text',
  assignedAt: 'timestamp(3)',
  closedAt: 'timestamp(3)',
  updatedAt: 'timestamp(3)',
} as const satisfies Partial<Record<keyof CreatedConversation, string>>;

export type UpdatableColumn = keyof typeof COLUMNS;

/**
 * Statement 2: the guarded write and its timeline rows. `status <> 'CLOSED'` cannot fail while the
 * lock is held; it keeps the rule in the write itself (ARCHITECTURE habit 3) should a caller ever
 * reach here without the lock. Ids from orderedId(), so rows with one `createdAt` keep their order.
 * The rows are dated `next.updatedAt`, the time of the change. Returns whether the row was written.
 */
export async function writeUpdate(sql: Sql, actor: Actor, next: CreatedConversation, columns: UpdatableColumn[], events: TimelineEntry[]): Promise<boolean> {
  const p = new SqlParams();
  const param = (v: unknown) => p.add(v instanceof Date ? sqlTimestamp(v) : v);
  // A status change ends a snooze (snooze.ts: snoozed only ever while WAITING).
  const set = [...columns.map((k) => `"${k}" = ${param(next[k])}::${COLUMNS[k]}`), ...(columns.includes('status') ? ['"snoozedUntil" = NULL'] : [])].join(', ');
  const who = actorColumns(actor);
  const systemReason = actor.kind === 'system' ? actor.reason : undefined;
  // Keys left undefined drop out of the JSON, so `e->'before'` is SQL NULL, as createMany writes it.
  const rows = events.map((e) => ({ id: orderedId(), kind: e.kind, reason: e.reason ?? systemReason, before: e.before, after: e.after }));
  const [row] = await sql.query<{ updated: boolean }>(
    `WITH upd AS (
       UPDATE "Conversation" SET ${set} WHERE id = ${p.add(next.id)}::text AND status <> 'CLOSED' RETURNING id),
     timeline AS (
       INSERT INTO "TimelineEvent" (id, "conversationId", kind, "actorKind", "actorUserId", "actorApiKeyId", "actorName", reason, before, after, "createdAt")
       SELECT e->>'id', upd.id, (e->>'kind')::"TimelineKind", ${p.add(who.actorKind)}::"ActorKind", ${p.add('actorUserId' in who ? who.actorUserId : null)}::text,
              ${p.add('actorApiKeyId' in who ? who.actorApiKeyId : null)}::text, ${p.add(who.actorName)}::text, e->>'reason', e->'before', e->'after',
              ${param(next.updatedAt)}::timestamp(3)
       FROM upd, jsonb_array_elements(${p.add(JSON.stringify(rows))}::jsonb) AS e)
     SELECT EXISTS (SELECT 1 FROM upd) AS updated`,
    p.values,
    { prepare: true },
  );
  return row.updated;
}
