import type { Db } from '../../db';
import type { Actor } from '../../access/actor';
import { assertCan } from '../../access/actor';
import type { Availability } from '../../generated/prisma/enums';
import type { AgentRef, AgentStatus, ChangeAvailabilityInput } from '../../validation/presence';
import { DomainError } from '../errors';
import { setAvailability } from '../presence';

/** Reference AgentStatusGroup ↔ SPEC availability: ACTIVE→ONLINE, BUSY→BUSY, AWAY and INVISIBLE→OFFLINE. */
export const STATUS_TO_AVAILABILITY: Record<AgentStatus, Availability> = {
  ACTIVE: 'ONLINE',
  BUSY: 'BUSY',
  AWAY: 'OFFLINE',
  INVISIBLE: 'OFFLINE',
};
export const AVAILABILITY_TO_STATUS: Record<Availability, 'ACTIVE' | 'BUSY' | 'AWAY'> = { ONLINE: 'ACTIVE', BUSY: 'BUSY', OFFLINE: 'AWAY' };

const notFound = () => new DomainError('NOT_FOUND', 'Agent not found.');

// A rule about whose presence, not a role gate: anyone may touch their own; another's needs a
// supervisor or admin, so the check stays here rather than at the door.
function assertMayTouch(actor: Actor, agentId: string): void {
  const self = (actor.kind === 'user' && actor.id === agentId) || (actor.kind === 'apiKey' && actor.userId === agentId);
  if (!self) assertCan(actor, 'conversations.seeAll');
}

/** Anyone may set their own availability; supervisors and admins anyone's. Answers with the agent as it is now. */
export async function changeAvailability(db: Db, actor: Actor, { agentId, availability }: ChangeAvailabilityInput) {
  assertMayTouch(actor, agentId);
  const user = await db.user.findUnique({ where: { id: agentId }, select: { id: true, enabled: true } });
  if (!user) throw notFound();
  if (!user.enabled && availability !== 'OFFLINE') throw new DomainError('BAD_REQUEST', 'A disabled agent cannot go online.');
  const why = availability === 'OFFLINE' ? 'went offline' : '';
  await setAvailability(db, agentId, availability, why);
  const agent = await db.user.findUnique({
    where: { id: agentId },
    select: { id: true, name: true, availability: true, role: true, enabled: true, createdAt: true, updatedAt: true },
  });
  if (!agent) throw notFound();
  return agent;
}

/** An open console's heartbeat: proves the agent is still there (the sweep sets silent agents OFFLINE). */
export async function heartbeat(db: Db, actor: Actor, { agentId }: AgentRef): Promise<void> {
  assertMayTouch(actor, agentId);
  const { count } = await db.user.updateMany({ where: { id: agentId, enabled: true }, data: { lastSeenAt: new Date() } });
  if (!count) throw notFound();
}
