import type { Db } from '../../db';
import type { Actor } from '../../access/actor';
import { assertCan } from '../../access/actor';
import type { Availability } from '../../generated/prisma/enums';
import { DomainError } from '../errors';
import { setAvailability } from '../presence';

/** Reference AgentStatusGroup ↔ SPEC availability: ACTIVE→ONLINE, BUSY→BUSY, AWAY and INVISIBLE→OFFLINE. */
export const STATUS_TO_AVAILABILITY: Record<'ACTIVE' | 'BUSY' | 'AWAY' | 'INVISIBLE', Availability> = {
  ACTIVE: 'ONLINE',
  BUSY: 'BUSY',
  AWAY: 'OFFLINE',
  INVISIBLE: 'OFFLINE',
};
export const AVAILABILITY_TO_STATUS: Record<Availability, 'ACTIVE' | 'BUSY' | 'AWAY'> = { ONLINE: 'ACTIVE', BUSY: 'BUSY', OFFLINE: 'AWAY' };

/** Anyone may set their own availability; supervisors and admins anyone's. */
export async function changeAvailability(db: Db, actor: Actor, agentId: string, availability: Availability) {
  const self = (actor.kind === 'user' && actor.id === agentId) || (actor.kind === 'apiKey' && actor.userId === agentId);
  if (!self) assertCan(actor, 'conversations.seeAll');
  const user = await db.user.findUnique({ where: { id: agentId }, select: { id: true, enabled: true } });
  if (!user) throw new DomainError('NOT_FOUND', 'Agent not found.');
  if (!user.enabled && availability !== 'OFFLINE') throw new DomainError('BAD_REQUEST', 'A disabled agent cannot go online.');
  const why = availability === 'OFFLINE' ? 'went offline' : '';
  return setAvailability(db, agentId, availability, why);
}

/** An open console's heartbeat: proves the agent is still there (the sweep sets silent agents OFFLINE). */
export async function heartbeat(db: Db, actor: Actor, agentId: string): Promise<void> {
  const self = (actor.kind === 'user' && actor.id === agentId) || (actor.kind === 'apiKey' && actor.userId === agentId);
  if (!self) assertCan(actor, 'conversations.seeAll');
  const { count } = await db.user.updateMany({ where: { id: agentId, enabled: true }, data: { lastSeenAt: new Date() } });
  if (!count) throw new DomainError('NOT_FOUND', 'Agent not found.');
}
