'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { addQueueMemberOp, createQueueOp, deleteQueueOp, removeQueueMemberOp, updateQueueOp } from '../operations/queues-agents';

// The route editor's queue pickers list the queues by name, so both pages go stale.
const QUEUE_PAGES = ['/queues', '/routes'];
const brief = (q: { id: string; name: string }) => ({ id: q.id, name: q.name });

export async function createQueueAction(input: InputOf<typeof createQueueOp>) {
  return act(createQueueOp, input, { revalidate: QUEUE_PAGES, shape: brief });
}

/** Rename, or make it the default queue (where conversations no route takes go; one at most). */
export async function updateQueueAction(input: InputOf<typeof updateQueueOp>) {
  return act(updateQueueOp, input, { revalidate: QUEUE_PAGES, shape: brief });
}

/** Refused (CONFLICT, naming them) while routes point to the queue. */
export async function deleteQueueAction(input: InputOf<typeof deleteQueueOp>) {
  return act(deleteQueueOp, input, { revalidate: QUEUE_PAGES });
}

export async function addMemberAction(input: InputOf<typeof addQueueMemberOp>) {
  return act(addQueueMemberOp, input, { revalidate: ['/queues'] });
}

export async function removeMemberAction(input: InputOf<typeof removeQueueMemberOp>) {
  return act(removeQueueMemberOp, input, { revalidate: ['/queues'] });
}
