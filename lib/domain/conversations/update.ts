import type { Db } from '../../db';
import { sqlUnitOfWork } from '../../db/unit-of-work';
import type { Actor } from '../../access/actor';
import type { UpdateConversationInput } from '../../validation/conversations';
import { closedConversation, notFound } from '../errors';
import type { TimelineEntry } from '../timeline';
import { unknownQueue } from './references';
import { notAssignable } from '../assignment/manual';
import { loadConversation, type ConversationDetail } from './get';
import type { CreatedConversation } from './create';
import { lockForUpdate, writeUpdate, type UpdatableColumn } from './update-sql';
import { changesOf, conversationEvent, emit } from '../../realtime/outbox';
import { drainAfterChange } from '../assignment/drain-after';

/** PUT resets the editable fields that are left out; PATCH changes only those given. */
const PUT_DEFAULTS: Required<{ [K in keyof UpdateConversationInput]: UpdateConversationInput[K] }> = {
  topic: null,
  summary: null,
  status: 'OPEN',
  priority: 'NORMAL',
  queueId: null,
  agentId: null,
};

export type UpdateRequest = { conversationId: string; mode: 'put' | 'patch'; changes: UpdateConversationInput };

/** The update, answered with the conversation and its relations (server actions, tests). */
export async function updateConversation(db: Db, actor: Actor, request: UpdateRequest): Promise<ConversationDetail> {
  await updateConversationRecord(db, actor, request);
  return loadConversation(db, request.conversationId);
}

/**
 * PUT and PATCH in raw SQL on the driver under Prisma (lib/db/sql.ts), because closes limit the
 * soak benchmark: through Prisma's interactive transaction a PATCH close cost 13 Prisma statements
 * at ~1 ms of CPU each (lock, read, write, timeline, the outbox's re-read, COMMIT, then seven reads
 * for the answer). Here: BEGIN; one statement that locks and reads the row with everything the
 * checks need; one that writes it and its timeline; COMMIT. The answer is what the transaction
 * read and wrote (the shape of a create's), so nothing is read after the commit. A change of
 * nothing writes nothing and answers with the row as it is.
 */
export async function updateConversationRecord(db: Db, actor: Actor, { conversationId: id, mode, changes }: UpdateRequest): Promise<CreatedConversation> {
  const wanted: UpdateConversationInput = mode === 'put' ? { ...PUT_DEFAULTS, ...changes } : changes;
  let freed: string | null = null;
  const updated = await sqlUnitOfWork(db, async (sql) => {
    const locked = await lockForUpdate(sql, actor, id, {
      queueId: wanted.queueId ?? undefined,
      agent: wanted.agentId ? { id: wanted.agentId, queueId: wanted.queueId } : undefined,
    });
    // Not visible is 404 before CLOSED is 409: a closed conversation's existence is not revealed either.
    if (!locked?.visible) throw notFound();
    const current = locked.conversation;
    if (current.status === 'CLOSED') throw closedConversation();
    if (wanted.queueId && wanted.queueId !== current.queueId && !locked.queueFound) throw unknownQueue();
    // Same rule as the dropdown: only agents of its inbox or (new) queue, or admins.
    if (wanted.agentId && wanted.agentId !== current.agentId && !locked.agent?.eligible) throw notAssignable(locked.agent);
    // Taken after the lock, so no change is dated before a close it waited for.
    const plan = planUpdate(current, wanted, new Date());
    if (!plan.events.length) return plan.next;
    if (!(await writeUpdate(sql, actor, plan.next, plan.columns, plan.events))) throw closedConversation();
    // Published after COMMIT by the unit of work: the write is guarded, so this is what committed.
    emit(sql, conversationEvent(plan.next, changesOf(plan.events.map((e) => e.kind)), { queueId: current.queueId, agentId: current.agentId }, actor));
    freed = freedAgent(current, plan.next);
    return plan.next;
  });
  // Capacity freed: what waits for this agent is handed out now (SPEC §4), after the commit.
  if (freed) await drainAfterChange(db, { agentId: freed });
  return updated;
}

const isOpen = (status: CreatedConversation['status']) => status === 'OPEN' || status === 'WAITING';

/** The agent whose open load this change lowered (solved, closed or moved away), if any. */
export function freedAgent(before: Pick<CreatedConversation, 'agentId' | 'status'>, after: Pick<CreatedConversation, 'agentId' | 'status'>): string | null {
  if (!before.agentId || !isOpen(before.status)) return null;
  return after.agentId !== before.agentId || !isOpen(after.status) ? before.agentId : null;
}

type Plan = { next: CreatedConversation; columns: UpdatableColumn[]; events: TimelineEntry[] };

/** The row after the update, the columns that change and the timeline entry of each change. */
function planUpdate(current: CreatedConversation, wanted: UpdateConversationInput, now: Date): Plan {
  const next = { ...current };
  const columns: UpdatableColumn[] = [];
  const events: TimelineEntry[] = [];
  const changed = <K extends keyof UpdateConversationInput>(k: K) => wanted[k] !== undefined && (wanted[k] ?? null) !== current[k];
  const set = (values: Partial<Pick<CreatedConversation, UpdatableColumn>>) => {
    Object.assign(next, values);
    columns.push(...(Object.keys(values) as UpdatableColumn[]));
  };

  if (changed('status')) {
    set({ status: wanted.status!, closedAt: wanted.status === 'CLOSED' ? now : null });
    // writeUpdate clears the column with any status change.
    next.snoozedUntil = null;
    events.push({ kind: 'STATUS_CHANGED', before: { status: current.status }, after: { status: wanted.status! } });
  }
  if (changed('priority')) {
    set({ priority: wanted.priority! });
    events.push({ kind: 'PRIORITY_CHANGED', before: { priority: current.priority }, after: { priority: wanted.priority! } });
  }
  if (changed('queueId')) {
    set({ queueId: wanted.queueId ?? null, queuedAt: wanted.queueId ? now : null });
    events.push({ kind: 'QUEUE_CHANGED', before: { queueId: current.queueId }, after: { queueId: wanted.queueId ?? null } });
  }
  if (changed('agentId')) {
    set({ agentId: wanted.agentId ?? null, assignedAt: wanted.agentId ? now : null });
    events.push({ kind: 'ASSIGNEE_CHANGED', before: { agentId: current.agentId }, after: { agentId: wanted.agentId ?? null } });
  }
  const props: Record<string, string | null> = {};
  const before: Record<string, string | null> = {};
  for (const k of ['topic', 'summary'] as const) {
    if (changed(k)) {
      set({ [k]: wanted[k] ?? null });
      props[k] = wanted[k] ?? null;
      before[k] = current[k];
    }
  }
  if (Object.keys(props).length) events.push({ kind: 'PROPERTIES_CHANGED', before, after: props });
  if (events.length) set({ updatedAt: now });
  return { next, columns, events };
}
