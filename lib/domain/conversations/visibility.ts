import type { Prisma } from '../../generated/prisma/client';
import type { Actor } from '../../access/actor';
import { can } from '../../access/roles';

/**
 * SPEC §2: an agent sees a conversation assigned to them, in an inbox they collaborate on, or
 * in a queue they are a member of. Supervisors and admins see all. Used by every read, so lists
 * and single reads can never disagree.
 */
export function visibleConversationsWhere(actor: Actor): Prisma.ConversationWhereInput {
  if (can(actor.role, 'conversations.seeAll')) return {};
  const userId = actor.kind === 'user' ? actor.id : actor.kind === 'apiKey' ? actor.userId : null;
  if (!userId) return { id: { in: [] } };
  return {
    OR: [
      { agentId: userId },
      { inbox: { collaborators: { some: { userId } } } },
      { queue: { members: { some: { userId } } } },
    ],
  };
}
