'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../db';
import { requireActor } from '../auth/session';
import { parseOrThrow } from '../domain/errors';
import { addQueueMember, createQueue, deleteQueue, removeQueueMember, updateQueue } from '../domain/queue-admin';
import { createQueueSchema } from '../validation/routing';
import { queueMemberSchema, queueRefSchema, updateQueueInputSchema } from '../validation/queues';
import { runAction, type ActionResult } from './result';

// Each action checks the session itself; ids come from the browser and are parsed before any query.

function refresh() {
  revalidatePath('/queues');
  // The route editor's queue pickers list the queues by name.
  revalidatePath('/routes');
}

export async function createQueueAction(name: string): Promise<ActionResult<{ id: string; name: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const q = await createQueue(db(), actor, parseOrThrow(createQueueSchema, { name }));
    refresh();
    return { id: q.id, name: q.name };
  });
}

export async function renameQueueAction(id: string, name: string): Promise<ActionResult<{ id: string; name: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const q = await updateQueue(db(), actor, parseOrThrow(updateQueueInputSchema, { queueId: id, name }));
    refresh();
    return { id: q.id, name: q.name };
  });
}

/** Conversations no route takes go to the default queue; there is one at most. */
export async function setDefaultQueueAction(id: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const q = await updateQueue(db(), actor, parseOrThrow(updateQueueInputSchema, { queueId: id, isDefault: true }));
    refresh();
    return { id: q.id };
  });
}

/** Refused (CONFLICT, naming them) while routes point to the queue. */
export async function deleteQueueAction(id: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const { queueId } = parseOrThrow(queueRefSchema, { queueId: id });
    await deleteQueue(db(), actor, { queueId });
    refresh();
    return { id: queueId };
  });
}

export async function addMemberAction(queueId: string, userId: string): Promise<ActionResult<{ queueId: string; userId: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const member = parseOrThrow(queueMemberSchema, { queueId, agentId: userId });
    await addQueueMember(db(), actor, member);
    revalidatePath('/queues');
    return { queueId: member.queueId, userId: member.agentId };
  });
}

export async function removeMemberAction(queueId: string, userId: string): Promise<ActionResult<{ queueId: string; userId: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const member = parseOrThrow(queueMemberSchema, { queueId, agentId: userId });
    await removeQueueMember(db(), actor, member);
    revalidatePath('/queues');
    return { queueId: member.queueId, userId: member.agentId };
  });
}
