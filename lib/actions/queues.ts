'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../db';
import { requireActor } from '../auth/session';
import { parseOrThrow } from '../domain/errors';
import { addQueueMember, createQueue, deleteQueue, removeQueueMember, updateQueue } from '../domain/queue-admin';
import { idSchema } from '../validation/common';
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
    const q = await createQueue(db(), actor, { name });
    refresh();
    return { id: q.id, name: q.name };
  });
}

export async function renameQueueAction(id: string, name: string): Promise<ActionResult<{ id: string; name: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const q = await updateQueue(db(), actor, parseOrThrow(idSchema, id), { name });
    refresh();
    return { id: q.id, name: q.name };
  });
}

/** Conversations no route takes go to the default queue; there is one at most. */
export async function setDefaultQueueAction(id: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const q = await updateQueue(db(), actor, parseOrThrow(idSchema, id), { isDefault: true });
    refresh();
    return { id: q.id };
  });
}

/** Refused (CONFLICT, naming them) while routes point to the queue. */
export async function deleteQueueAction(id: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const queueId = parseOrThrow(idSchema, id);
    await deleteQueue(db(), actor, queueId);
    refresh();
    return { id: queueId };
  });
}

export async function addMemberAction(queueId: string, userId: string): Promise<ActionResult<{ queueId: string; userId: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const ids = { queueId: parseOrThrow(idSchema, queueId), userId: parseOrThrow(idSchema, userId) };
    await addQueueMember(db(), actor, ids.userId, ids.queueId);
    revalidatePath('/queues');
    return ids;
  });
}

export async function removeMemberAction(queueId: string, userId: string): Promise<ActionResult<{ queueId: string; userId: string }>> {
  return runAction(async () => {
    const actor = await requireActor('queues.manage');
    const ids = { queueId: parseOrThrow(idSchema, queueId), userId: parseOrThrow(idSchema, userId) };
    await removeQueueMember(db(), actor, ids.userId, ids.queueId);
    revalidatePath('/queues');
    return ids;
  });
}
