'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '../db';
import { requireActor } from '../auth/session';
import { parseOrThrow } from '../domain/errors';
import { updateConversation } from '../domain/conversations/update';
import { addConversationTag, removeConversationTag } from '../domain/conversations/tags';
import { addMessage } from '../domain/conversations/messages';
import { assignConversation } from '../domain/assignment/manual';
import { routeConversation } from '../domain/routing/route-conversation';
import { updateConversationSchema } from '../validation/conversations';
import { idSchema } from '../validation/common';
import { inboxFiltersSchema } from '../query/inbox-filters';
import { runAction, type ActionResult } from './result';
import { loadInboxList, type InboxList } from './conversation-list';

// Every action checks the session and role itself: a page's check does not protect the actions
// it renders. Arguments arrive from the browser, so ids are parsed before they reach a query.

/** The console edits these in place; assignment and routing have their own controls. */
const patchSchema = updateConversationSchema.pick({ topic: true, summary: true, status: true, priority: true });
export type ConversationPatch = z.input<typeof patchSchema>;

function refreshConversation(id: string) {
  revalidatePath(`/inbox/${id}`);
  revalidatePath('/inbox');
}

export async function listConversationsAction(filters: unknown): Promise<ActionResult<InboxList>> {
  return runAction(async () => {
    const actor = await requireActor('conversations.work');
    return loadInboxList(actor, parseOrThrow(inboxFiltersSchema, filters));
  });
}

export async function updateConversationAction(id: string, patch: ConversationPatch): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await requireActor('conversations.work');
    const conversationId = parseOrThrow(idSchema, id);
    await updateConversation(db(), actor, conversationId, parseOrThrow(patchSchema, patch), 'patch');
    refreshConversation(conversationId);
    return { id: conversationId };
  });
}

export async function addTagAction(id: string, tagName: string): Promise<ActionResult<{ name: string; added: boolean }>> {
  return runAction(async () => {
    const actor = await requireActor('conversations.work');
    const conversationId = parseOrThrow(idSchema, id);
    const result = await addConversationTag(db(), actor, conversationId, { tagName });
    refreshConversation(conversationId);
    return result;
  });
}

export async function removeTagAction(id: string, tagName: string): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const actor = await requireActor('conversations.work');
    const conversationId = parseOrThrow(idSchema, id);
    await removeConversationTag(db(), actor, conversationId, tagName);
    refreshConversation(conversationId);
    return { name: tagName };
  });
}

export async function sendReplyAction(id: string, text: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await requireActor('conversations.work');
    const conversationId = parseOrThrow(idSchema, id);
    const message = await addMessage(db(), actor, conversationId, { direction: 'OUTBOUND', content: { text } });
    refreshConversation(conversationId);
    return { id: message.id };
  });
}

/** The "Assigned Agent" dropdown and "Assign to me": `agentId` null unassigns. Eligibility is the domain's to refuse. */
export async function assignConversationAction(id: string, agentId: string | null): Promise<ActionResult<{ id: string; agentId: string | null }>> {
  return runAction(async () => {
    const actor = await requireActor('conversations.work');
    const conversationId = parseOrThrow(idSchema, id);
    const agent = agentId === null ? null : parseOrThrow(idSchema, agentId);
    await assignConversation(db(), actor, conversationId, agent);
    refreshConversation(conversationId);
    return { id: conversationId, agentId: agent };
  });
}

/** "Route" (SPEC §3): back to routing, which unassigns, picks the queue again and auto-assigns. Refused once closed. */
export async function routeConversationAction(id: string): Promise<ActionResult<{ id: string; queue: string | null; agent: string | null }>> {
  return runAction(async () => {
    const actor = await requireActor('conversations.work');
    const conversationId = parseOrThrow(idSchema, id);
    const c = await routeConversation(db(), actor, { conversationId });
    refreshConversation(conversationId);
    return { id: conversationId, queue: c.queue?.name ?? null, agent: c.agent?.name ?? null };
  });
}
