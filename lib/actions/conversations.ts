'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { inboxListOp } from '../operations/console';
import { assignConversationOp, editConversationOp, routeConversationOp, unassignConversationOp } from '../operations/conversations';
import { addConversationTagOp, addMessageOp, removeConversationTagOp } from '../operations/tags-messages';
import { createNoteOp } from '../operations/notes-metadata';

// One-line bindings of the operations (lib/operations): each checks the session, the permission
// and what the browser sent there. Results are cut down to what the console needs.

const conversationPages = ({ conversationId }: { conversationId: string }) => [`/inbox/${conversationId}`, '/inbox'];

/** The URL's filters; a bad value is dropped, not refused (a hand-edited address still shows the inbox). */
export async function listConversationsAction(filters: Partial<InputOf<typeof inboxListOp>>) {
  return act(inboxListOp, filters);
}

export async function updateConversationAction(input: InputOf<typeof editConversationOp>) {
  return act(editConversationOp, input, { revalidate: conversationPages, shape: (c) => ({ id: c.id }) });
}

export async function addTagAction(input: InputOf<typeof addConversationTagOp>) {
  return act(addConversationTagOp, input, { revalidate: conversationPages });
}

export async function removeTagAction(input: InputOf<typeof removeConversationTagOp>) {
  return act(removeConversationTagOp, input, { revalidate: conversationPages });
}

export async function sendReplyAction(input: { conversationId: string; text: string; clientMessageId?: string }) {
  // Read without trusting the shape (the browser may send anything): the operation parses what is built here.
  // clientMessageId is the draft's key: a second click or a retry of the same draft stores one message.
  const { conversationId, text, clientMessageId } = (input ?? {}) as Partial<typeof input>;
  const message = { conversationId, direction: 'OUTBOUND', content: { text }, clientMessageId } as InputOf<typeof addMessageOp>;
  return act(addMessageOp, message, { revalidate: conversationPages, shape: (m) => ({ id: m.id }) });
}

/** The "Assigned Agent" dropdown and "Assign to me": `agentId` null unassigns. Eligibility is the domain's to refuse. */
export async function assignConversationAction(input: { conversationId: string; agentId: string | null }) {
  const shape = (c: { id: string; agentId: string | null }) => ({ id: c.id, agentId: c.agentId });
  return input?.agentId === null
    ? act(unassignConversationOp, { conversationId: input.conversationId }, { revalidate: conversationPages, shape })
    : act(assignConversationOp, input, { revalidate: conversationPages, shape });
}

/** "Route" (SPEC §3): back to routing, which unassigns, picks the queue again and auto-assigns. Refused once closed. */
export async function routeConversationAction(input: InputOf<typeof routeConversationOp>) {
  return act(routeConversationOp, input, {
    revalidate: conversationPages,
    shape: (c) => ({ id: c.id, queue: c.queue?.name ?? null, agent: c.agent?.name ?? null }),
  });
}

/** The reply box's Note mode: an internal note as the signed-in user, never a message. Mentions are resolved on the server. */
export async function addNoteAction(input: { conversationId: string; text: string }) {
  const { conversationId, text } = (input ?? {}) as Partial<typeof input>;
  const note = { conversationId, content: text } as InputOf<typeof createNoteOp>;
  return act(createNoteOp, note, { revalidate: conversationPages, shape: (n) => ({ id: n.id }) });
}
