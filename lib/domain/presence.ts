import type { Db } from '../db';
import type { AgentStatus, Availability } from '../generated/prisma/enums';
import { reassignConversationsOf, type ReassignResult } from './assignment/reassign';
import { drainWaiting } from './assignment/drain';
import { publishNow } from '../realtime/outbox';
import { sqlTimestamp } from '../db/sql';
import type { Actor } from '../access/actor';
import { unitOfWork } from '../db/unit-of-work';
import { audit } from './audit';

/** The status word stored for an availability chosen without one (the console's switch, sign-out, the sweep). */
export const STATUS_FOR_AVAILABILITY: Record<Availability, AgentStatus> = { ONLINE: 'ACTIVE', BUSY: 'BUSY', OFFLINE: 'AWAY' };

/**
 * Sets an agent's availability, and the status word they chose (User.status, the API's `status`;
 * by default the one that goes with the availability). Any choice proves the agent is there, so it
 * clears "away — disconnected". Going OFFLINE (switch, sign-out, a long silence, account disabled)
 * hands their open conversations on (SPEC §4); becoming able to take work (ONLINE, or back from
 * disconnected) hands them waiting ones. `why` completes "reassigned: Ana …", e.g. "went offline".
 * `audited`: an administrative change (PUT /agents/{id}): its audit entry is written in the
 * transaction of the change itself.
 */
export async function setAvailability(
  db: Db,
  userId: string,
  availability: Availability,
  why: string,
  status: AgentStatus = STATUS_FOR_AVAILABILITY[availability],
  audited?: { actor: Actor; name: string; before: { status: AgentStatus; availability: Availability } },
): Promise<ReassignResult | null> {
  const now = new Date();
  const change = { where: { id: userId, availability: { not: availability } }, data: { availability, status, availabilityChangedAt: now, lastSeenAt: now, disconnectedAt: null } };
  const { count } = audited
    ? await unitOfWork(db, async (tx) => {
        const changed = await tx.user.updateMany(change);
        // Only the status word may change (AWAY → INVISIBLE): that is recorded below, as a change too.
        const statusOnly = changed.count ? { count: 0 } : await tx.user.updateMany({ where: { id: userId, status: { not: status } }, data: { status } });
        if (changed.count || statusOnly.count) {
          await audit(tx, audited.actor, {
            entity: 'USER',
            entityId: userId,
            entityName: audited.name,
            action: 'status.change',
            before: audited.before,
            after: { status, availability },
          });
        }
        return changed;
      })
    : await db.user.updateMany(change);
  let back = false;
  if (count) await publishNow([{ type: 'agent', id: userId, availability }]);
  else if (availability !== 'OFFLINE') {
    // Same availability: the chosen word may still change (AWAY → INVISIBLE), and a presence proves the agent is there.
    back = (await db.user.updateMany({ where: { id: userId, disconnectedAt: { not: null } }, data: { status, lastSeenAt: now, disconnectedAt: null } })).count > 0;
    if (back) await publishNow([{ type: 'agent', id: userId, availability }]);
    else await db.user.updateMany({ where: { id: userId }, data: { status, lastSeenAt: now } });
  } else await db.user.updateMany({ where: { id: userId, OR: [{ status: { not: status } }, { disconnectedAt: { not: null } }] }, data: { status, disconnectedAt: null } });
  if (availability !== 'OFFLINE') {
    if (availability === 'ONLINE' && (count || back)) await drainFor(db, userId);
    return null;
  }
  // Reassign even when already OFFLINE: a sign-out must never leave conversations with nobody.
  return reassignConversationsOf(db, userId, why);
}

/**
 * The agent proved they are there (a heartbeat, a console page): refreshes lastSeenAt and clears
 * away — disconnected; if it was set, tells the consoles and, when ONLINE, hands them waiting
 * conversations (their status and conversations never changed, SPEC §4). False: no such enabled user.
 */
export async function markPresent(db: Db, agentId: string, now = new Date()): Promise<boolean> {
  const rows = await db.$queryRaw<{ availability: Availability; was: boolean }[]>`
    UPDATE "User" u SET "lastSeenAt" = ${sqlTimestamp(now)}::timestamp(3), "disconnectedAt" = NULL
    FROM (SELECT id, "disconnectedAt" IS NOT NULL AS was FROM "User" WHERE id = ${agentId} FOR UPDATE) old
    WHERE u.id = old.id AND u.enabled
    RETURNING u.availability::text AS availability, old.was`;
  if (!rows.length) return false;
  if (rows[0].was) {
    await publishNow([{ type: 'agent', id: agentId, availability: rows[0].availability }]);
    if (rows[0].availability === 'ONLINE') await drainFor(db, agentId);
  }
  return true;
}

/**
 * The agent can take work now (came ONLINE, or back from disconnected): waiting conversations they
 * are eligible for are handed out. Called after the change committed; a failure is logged, never
 * thrown, since the presence change itself stands (the next trigger drains again).
 */
export async function drainFor(db: Db, agentId: string): Promise<void> {
  try {
    await drainWaiting(db, { agentId });
  } catch (e) {
    console.error('backlog drain failed', e);
  }
}
