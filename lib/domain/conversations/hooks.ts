import type { Tx } from '../../db';
import type { Actor } from '../../auth/actor';

/**
 * The seam where routing (SPEC §3) and auto-assignment (SPEC §4) join conversation creation.
 * It runs inside the creating transaction, after the conversation, its customer, tags and first
 * message exist. Routing and assignment are built in their own issues and hook in here; until
 * then a new conversation keeps the queue and agent it was created with.
 */
export async function afterConversationCreated(_tx: Tx, _conversationId: string, _actor: Actor): Promise<void> {}
