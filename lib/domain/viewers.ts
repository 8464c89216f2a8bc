import type { Tx } from '../db';
import { actingUserId, type Actor } from '../access/actor';
import { visibleConversationsWhere } from '../access/visibility';
import { publishNow } from '../realtime/outbox';
import type { ViewerSignal } from '../validation/viewers';
import { DomainError, notFound } from './errors';

// The collision warning ("Ben is viewing", "Ben is typing…"). A signal is passed on, not stored:
// it goes over the bus (in-process, or LISTEN/NOTIFY across instances) to the streams of those who
// may see the conversation, and each browser forgets it when it expires. So no instance holds
// state another would need, and a crashed one leaves nothing behind but entries that time out.

/** Passes the caller's signal on to whoever else may see the conversation (404 for one they may not). */
export async function signalViewer(db: Tx, actor: Actor, { conversationId, state, announce }: ViewerSignal): Promise<{ sent: true }> {
  const userId = actingUserId(actor);
  if (!userId || actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only a signed-in user can be shown as viewing a conversation.');
  const c = await db.conversation.findFirst({
    where: { AND: [{ id: conversationId }, visibleConversationsWhere(actor)] },
    select: { id: true, inboxId: true, queueId: true, agentId: true },
  });
  if (!c) throw notFound();
  await publishNow([{ type: 'viewer', conversationId: c.id, userId, name: actor.name, state, announce, inboxId: c.inboxId, queueId: c.queueId, agentId: c.agentId }]);
  return { sent: true };
}
