'use server';

import { db } from '../db';
import { requireActor } from '../auth/session';
import { parseOrThrow } from '../domain/errors';
import { countUnreadAssigned, markConversationRead } from '../domain/unread';
import { conversationRefSchema } from '../validation/conversations';
import { runAction, type ActionResult } from './result';

export async function unreadCountAction(): Promise<ActionResult<number>> {
  return runAction(async () => countUnreadAssigned(db(), await requireActor('conversations.work')));
}

export async function markReadAction(conversationId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor('conversations.work');
    await markConversationRead(db(), actor, parseOrThrow(conversationRefSchema, { conversationId }));
    return null;
  });
}
