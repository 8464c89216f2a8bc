import type { Tx } from '../db';
import type { Actor } from '../access/actor';
import { visibleConversationsWhere } from '../access/visibility';
import type { Channel, ConversationStatus } from '../generated/prisma/enums';

// The customer panel's history: the customer's other conversations, only those the viewer may see
// (SPEC §2, the one rule in lib/access/visibility.ts), newest first. Nothing is counted: one more
// row than shown says whether there are more.

export const HISTORY_LIMIT = 10;

export type HistoryItem = { id: string; topic: string | null; status: ConversationStatus; channel: Channel; createdAt: Date };

export async function customerHistory(
  db: Tx,
  actor: Actor,
  { customerId, exceptConversationId, limit = HISTORY_LIMIT }: { customerId: string; exceptConversationId?: string; limit?: number },
): Promise<{ items: HistoryItem[]; more: boolean }> {
  const rows = await db.conversation.findMany({
    where: { AND: [{ customerId }, exceptConversationId ? { id: { not: exceptConversationId } } : {}, visibleConversationsWhere(actor)] },
    select: { id: true, topic: true, status: true, channel: true, createdAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
  });
  return { items: rows.slice(0, limit), more: rows.length > limit };
}
