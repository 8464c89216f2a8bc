import type { Db } from '../db';
import type { Availability } from '../generated/prisma/enums';
import { reassignConversationsOf, type ReassignResult } from './assignment/reassign';
import { publishNow } from '../realtime/outbox';

/**
 * Sets an agent's availability. Going OFFLINE (switch, sign-out, silence, account disabled) hands
 * their open conversations on (SPEC §4). `why` completes "reassigned: Ana …", e.g. "went offline".
 */
export async function setAvailability(db: Db, userId: string, availability: Availability, why: string): Promise<ReassignResult | null> {
  const now = new Date();
  const { count } = await db.user.updateMany({
    where: { id: userId, availability: { not: availability } },
    data: { availability, availabilityChangedAt: now, lastSeenAt: now },
  });
  if (count) await publishNow([{ type: 'agent', id: userId, availability }]);
  if (availability !== 'OFFLINE') {
    if (!count) await db.user.updateMany({ where: { id: userId }, data: { lastSeenAt: now } });
    return null;
  }
  // Reassign even when already OFFLINE: a sign-out must never leave conversations with nobody.
  return reassignConversationsOf(db, userId, why);
}
