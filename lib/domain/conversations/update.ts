import type { Db } from '../../db';
import type { Actor } from '../../auth/actor';
import { assertCan } from '../../auth/actor';
import type { Prisma } from '../../generated/prisma/client';
import { updateConversationSchema, type UpdateConversationInput } from '../../validation/conversations';
import { closedConversation, parseOrThrow } from '../errors';
import { recordTimeline, type TimelineEntry } from '../timeline';
import { assertQueue } from './references';
import { assertAssignable } from '../assignment/manual';
import { lockVisibleConversation } from './access';
import { loadConversation, type ConversationDetail } from './get';
import { transaction } from '../../realtime/outbox';

/** PUT resets the editable fields that are left out; PATCH changes only those given. */
const PUT_DEFAULTS: Required<{ [K in keyof UpdateConversationInput]: UpdateConversationInput[K] }> = {
  topic: null,
  summary: null,
  status: 'OPEN',
  priority: 'NORMAL',
  queueId: null,
  agentId: null,
};

export async function updateConversation(db: Db, actor: Actor, id: string, input: unknown, mode: 'put' | 'patch'): Promise<ConversationDetail> {
  assertCan(actor, 'conversations.work');
  const given = parseOrThrow(updateConversationSchema, input);
  const wanted = mode === 'put' ? { ...PUT_DEFAULTS, ...given } : given;
  await transaction(db, async (tx) => {
    const current = await lockVisibleConversation(tx, actor, id, { forChange: true });
    if (wanted.queueId !== undefined && wanted.queueId !== current.queueId) await assertQueue(tx, wanted.queueId);
    if (wanted.agentId && wanted.agentId !== current.agentId) {
      // Same rule as the dropdown: only agents of its inbox or (new) queue, or admins.
      await assertAssignable(tx, { inboxId: current.inboxId, queueId: wanted.queueId !== undefined ? wanted.queueId : current.queueId }, wanted.agentId);
    }

    const data: Prisma.ConversationUncheckedUpdateManyInput = {};
    const events: TimelineEntry[] = [];
    const now = new Date();
    const changed = <K extends keyof UpdateConversationInput>(k: K) => wanted[k] !== undefined && (wanted[k] ?? null) !== current[k];

    if (changed('status')) {
      data.status = wanted.status;
      data.closedAt = wanted.status === 'CLOSED' ? now : null;
      events.push({ kind: 'STATUS_CHANGED', before: { status: current.status }, after: { status: wanted.status! } });
    }
    if (changed('priority')) {
      data.priority = wanted.priority;
      events.push({ kind: 'PRIORITY_CHANGED', before: { priority: current.priority }, after: { priority: wanted.priority! } });
    }
    if (changed('queueId')) {
      data.queueId = wanted.queueId ?? null;
      data.queuedAt = wanted.queueId ? now : null;
      events.push({ kind: 'QUEUE_CHANGED', before: { queueId: current.queueId }, after: { queueId: wanted.queueId ?? null } });
    }
    if (changed('agentId')) {
      data.agentId = wanted.agentId ?? null;
      data.assignedAt = wanted.agentId ? now : null;
      events.push({ kind: 'ASSIGNEE_CHANGED', before: { agentId: current.agentId }, after: { agentId: wanted.agentId ?? null } });
    }
    const props: Record<string, string | null> = {};
    const before: Record<string, string | null> = {};
    for (const k of ['topic', 'summary'] as const) {
      if (changed(k)) {
        data[k] = wanted[k] ?? null;
        props[k] = wanted[k] ?? null;
        before[k] = current[k];
      }
    }
    if (Object.keys(props).length) events.push({ kind: 'PROPERTIES_CHANGED', before, after: props });
    if (events.length === 0) return;
    data.updatedAt = now;

    // Guarded write: a close that slipped in between loses cleanly instead of being overwritten.
    const { count } = await tx.conversation.updateMany({ where: { id, status: { not: 'CLOSED' } }, data });
    if (count !== 1) throw closedConversation();
    await recordTimeline(tx, id, actor, events);
  });
  return loadConversation(db, id);
}
