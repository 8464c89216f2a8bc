'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { bulkConversationsOp, snoozeConversationOp, unsnoozeConversationOp } from '../operations/snooze-bulk';

// One-line bindings of the snooze and bulk operations (lib/operations/snooze-bulk.ts).

const conversationPages = ({ conversationId }: { conversationId: string }) => [`/inbox/${conversationId}`, '/inbox'];

export async function snoozeConversationAction(input: InputOf<typeof snoozeConversationOp>) {
  return act(snoozeConversationOp, input, { revalidate: conversationPages, shape: (c) => ({ id: c.id, snoozedUntil: c.snoozedUntil?.toISOString() ?? null }) });
}

export async function unsnoozeConversationAction(input: InputOf<typeof unsnoozeConversationOp>) {
  return act(unsnoozeConversationOp, input, { revalidate: conversationPages, shape: (c) => ({ id: c.id, status: c.status }) });
}

/** The inbox's bulk bar: the summary of what was done and why the rest was refused. */
export async function bulkConversationsAction(input: InputOf<typeof bulkConversationsOp>) {
  // Every conversation page below /inbox may have changed.
  return act(bulkConversationsOp, input, { revalidate: [['/inbox', 'layout']] });
}
