import type { Db } from '../db';
import type { Actor } from '../access/actor';
import { afterCommit, unitOfWork } from '../db/unit-of-work';
import { emit } from '../realtime/outbox';
import type { SetUserCapacityInput } from '../validation/admin';
import { drainAfterChange } from './assignment/drain-after';
import { DomainError } from './errors';
import { audit } from './audit';

// An agent's capacity (SPEC §4): the most open conversations auto-assignment gives them, null for
// unlimited. Only admins change it: the registry checks agents.manage (API) or users.manage (People
// page) before this runs. Applying it is the assignment statements' (lib/domain/assignment).

/** Whether going from `before` to `after` lets the agent take more (null is unlimited). */
export function capacityRaised(before: number | null, after: number | null): boolean {
  if (before === null) return false;
  return after === null || after > before;
}

/**
 * Stores the capacity. Raised (or made unlimited): once committed, the waiting conversations the
 * agent is eligible for are handed out (the backlog drain), so nothing waits for the next event.
 */
export async function setAgentCapacity(db: Db, actor: Actor, { userId, capacity }: SetUserCapacityInput): Promise<{ id: string; capacity: number | null }> {
  return unitOfWork(db, async (tx) => {
    // Locked, so two admins changing it at once each compare with what the other wrote.
    const rows = await tx.$queryRaw<{ capacity: number | null; name: string }[]>`SELECT capacity, name FROM "User" WHERE id = ${userId} FOR NO KEY UPDATE`;
    if (!rows[0]) throw new DomainError('NOT_FOUND', 'User not found.');
    const before = rows[0].capacity;
    if (before === capacity) return { id: userId, capacity };
    await tx.user.update({ where: { id: userId }, data: { capacity }, select: { id: true } });
    await audit(tx, actor, { entity: 'USER', entityId: userId, entityName: rows[0].name, action: 'capacity.change', before: { capacity: before }, after: { capacity } });
    emit(tx, { type: 'users', id: userId });
    if (capacityRaised(before, capacity)) afterCommit(tx, () => drainAfterChange(db, { agentId: userId }));
    return { id: userId, capacity };
  });
}
