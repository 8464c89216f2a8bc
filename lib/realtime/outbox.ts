import type { Tx } from '../db';
import { afterCommit, beforeCommit, unitState, type UnitClient } from '../db/unit-of-work';
import type { Actor } from '../access/actor';
import type { TimelineEntry } from '../domain/timeline';
import type { TimelineKind } from '../generated/prisma/enums';
import { bus } from './bus';
import type { BusEvent, ConversationChange, ConversationEvent, EventActor } from './events';

/**
 * Events leave only after their transaction commits, and never for work that rolled back: domain
 * code notes what it changed on the unit of work it runs in (lib/db/unit-of-work.ts), and the
 * outbox publishes in the unit's after-commit hook. Conversation events carry the state read just
 * before COMMIT (one query for all touched conversations), which is exactly what committed.
 * Noting outside a unit of work throws: there would be no commit to wait for, and the event would
 * silently never leave.
 */

type Touch = { changes: Set<ConversationChange>; before: { queueId?: string | null; agentId?: string | null }; actor: EventActor };
// `tx` is set by the first conversation noted: only a Prisma unit can be read back before commit.
// The raw hot paths (sqlUnitOfWork) know what they wrote and emit whole events instead.
type Box = { conversations: Map<string, Touch>; events: BusEvent[]; tx?: Tx; sealed: BusEvent[] };

const OUTBOX = Symbol('realtime outbox');

function boxOf(client: UnitClient, what: string): Box {
  return unitState(
    client,
    OUTBOX,
    () => {
      const box: Box = { conversations: new Map(), events: [], sealed: [] };
      beforeCommit(client, async () => {
        box.sealed = await seal(box);
      });
      afterCommit(client, () => publishNow(box.sealed));
      return box;
    },
    what,
  );
}

const CHANGE: Record<TimelineKind, ConversationChange> = {
  CREATED: 'created',
  STATUS_CHANGED: 'status',
  PRIORITY_CHANGED: 'priority',
  QUEUE_CHANGED: 'queue',
  ASSIGNEE_CHANGED: 'assignee',
  PROPERTIES_CHANGED: 'properties',
  TAG_ADDED: 'tags',
  TAG_REMOVED: 'tags',
  ROUTED: 'routed',
  NOTE_ADDED: 'note',
  METADATA_CHANGED: 'metadata',
  SNOOZED: 'status',
  UNSNOOZED: 'status',
};

/** The event's `changes` for timeline entries written by a raw hot path, which emits whole events. */
export function changesOf(kinds: TimelineKind[]): ConversationChange[] {
  return [...new Set(kinds.map((k) => CHANGE[k]))];
}

export function eventActor(actor: Actor): EventActor {
  return { kind: actor.kind, id: actor.kind === 'system' ? null : actor.id };
}

/** Publishes events of a change that is already committed (a single autocommitted statement). */
export async function publishNow(events: BusEvent[]): Promise<void> {
  if (!events.length) return;
  try {
    await bus().publish(events);
  } catch (err) {
    // The change itself is committed; a lost event is healed by the clients' refetch on reconnect and focus.
    console.error('realtime publish failed', err);
  }
}

/** Notes timeline entries written for a conversation in this transaction. */
export function noteTimeline(tx: Tx, conversationId: string, actor: Actor, entries: Pick<TimelineEntry, 'kind' | 'before'>[]): void {
  const touch = touchOf(tx, conversationId, actor, 'noteTimeline');
  for (const e of entries) {
    touch.changes.add(CHANGE[e.kind]);
    const before = (e.before ?? {}) as { queueId?: string | null; agentId?: string | null };
    // The first change in the transaction knows the state from before it.
    if ((e.kind === 'QUEUE_CHANGED' || e.kind === 'ROUTED') && touch.before.queueId === undefined) touch.before.queueId = before.queueId ?? null;
    if (e.kind === 'ASSIGNEE_CHANGED' && touch.before.agentId === undefined) touch.before.agentId = before.agentId ?? null;
  }
}

/** Notes a change that writes no timeline entry (a message). */
export function noteConversation(tx: Tx, conversationId: string, actor: Actor, change: ConversationChange): void {
  touchOf(tx, conversationId, actor, 'noteConversation').changes.add(change);
}

/** Notes any other event (or, on a raw hot path, a whole conversation event) to publish after commit. */
export function emit(client: UnitClient, event: BusEvent): void {
  boxOf(client, 'emit').events.push(event);
}

function touchOf(tx: Tx, id: string, actor: Actor, what: string): Touch {
  const box = boxOf(tx, what);
  box.tx = tx;
  let touch = box.conversations.get(id);
  if (!touch) box.conversations.set(id, (touch = { changes: new Set(), before: {}, actor: eventActor(actor) }));
  return touch;
}

const TOPIC_MAX = 120;

/** The event for one conversation's committed state (the outbox's, or a hot path's that knows it). */
export function conversationEvent(
  c: { id: string; status: ConversationEvent['status']; inboxId: string | null; queueId: string | null; agentId: string | null; topic: string | null },
  changes: ConversationChange[],
  before: ConversationEvent['before'],
  actor: Actor | EventActor,
): ConversationEvent {
  return {
    type: 'conversation',
    id: c.id,
    changes,
    status: c.status,
    inboxId: c.inboxId,
    queueId: c.queueId,
    agentId: c.agentId,
    topic: c.topic && c.topic.length > TOPIC_MAX ? `${c.topic.slice(0, TOPIC_MAX - 1)}…` : c.topic,
    before,
    actor: 'role' in actor ? eventActor(actor) : actor,
  };
}

async function seal(box: Box): Promise<BusEvent[]> {
  if (!box.tx || !box.conversations.size) return box.events;
  const rows = await box.tx.conversation.findMany({
    where: { id: { in: [...box.conversations.keys()] } },
    select: { id: true, status: true, inboxId: true, queueId: true, agentId: true, topic: true },
  });
  const conversations = rows.map((c): ConversationEvent => {
    const t = box.conversations.get(c.id)!;
    // A new conversation had no queue or assignee before: whoever it lands with hears of it as new.
    const before = t.changes.has('created')
      ? { queueId: null, agentId: null }
      : { queueId: t.before.queueId === undefined ? c.queueId : t.before.queueId, agentId: t.before.agentId === undefined ? c.agentId : t.before.agentId };
    return conversationEvent(c, [...t.changes], before, t.actor);
  });
  return [...conversations, ...box.events];
}
