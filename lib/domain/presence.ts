import type { Db } from '../db';
import type { AgentStatus, Availability } from '../generated/prisma/enums';
import { reassignConversationsOf, type ReassignResult } from './assignment/reassign';
import { publishNow } from '../realtime/outbox';

/** The status word stored for an availability chosen without one (the console's switch, sign-out, the sweep). */
export const STATUS_FOR_AVAILABILITY: Record<Availability, AgentStatus> = { ONLINE: 'ACTIVE', BUSY: 'BUSY', OFFLINE: 'AWAY' };

/**
 * Sets an agent's availability, and the status word they chose (User.status, the API's `status`;
 * by default the one that goes with the availability). Going OFFLINE (switch, sign-out, silence,
 * account disabled) hands their open conversations on (SPEC §4). `why` completes "reassigned: Ana
 * …", e.g. "went offline".
 */
export async function setAvailability(
  db: Db,
  userId: string,
  availability: Availability,
  why: string,
  status: AgentStatus = STATUS_FOR_AVAILABILITY[availability],
): Promise<ReassignResult | null> {
  const now = new Date();
  const { count } = await db.user.updateMany({
    where: { id: userId, availability: { not: availability } },
    data: { availability, status, availabilityChangedAt: now, lastSeenAt: now },
  });
  if (count) await publishNow([{ type: 'agent', id: userId, availability }]);
  // Same availability: the chosen word may still change (AWAY → INVISIBLE), and a presence proves the agent is there.
  else if (availability !== 'OFFLINE') await db.user.updateMany({ where: { id: userId }, data: { status, lastSeenAt: now } });
  else await db.user.updateMany({ where: { id: userId, status: { not: status } }, data: { status } });
  if (availability !== 'OFFLINE') return null;
  // Reassign even when already OFFLINE: a sign-out must never leave conversations with nobody.
  return reassignConversationsOf(db, userId, why);
}
