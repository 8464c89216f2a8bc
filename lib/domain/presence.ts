import type { Tx } from '../db';
import type { Availability } from '../generated/prisma/enums';

/**
 * Sets an agent's availability. The reassignment of their conversations when they go OFFLINE
 * (SPEC §4) hooks in here; it belongs to the assignment work and is not built yet.
 */
export async function setAvailability(db: Tx, userId: string, availability: Availability, _why: string): Promise<void> {
  const now = new Date();
  await db.user.updateMany({
    where: { id: userId, availability: { not: availability } },
    data: { availability, availabilityChangedAt: now, lastSeenAt: now },
  });
}
