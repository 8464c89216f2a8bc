import type { Tx } from '../../db';
import type { Actor } from '../../auth/actor';

/**
 * The seam where auto-assignment (SPEC §4: round robin per inbox) follows routing. It runs in the
 * routing transaction. Assignment is built in its own issue; until then a routed conversation
 * stays unassigned in its queue.
 */
export async function afterConversationRouted(_tx: Tx, _conversationId: string, _actor: Actor): Promise<void> {}
