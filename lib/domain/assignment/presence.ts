import type { Db } from '../../db';
import type { Actor } from '../../access/actor';
import { assertCan } from '../../access/actor';
import type { Availability } from '../../generated/prisma/enums';
import type { AgentRef, AgentStatus, ChangeAvailabilityInput } from '../../validation/presence';
import { AGENT_SELECT, type AgentRow } from '../agent-row';
import { DomainError } from '../errors';
import { markPresent, setAvailability } from '../presence';

/** Reference AgentStatusGroup → SPEC availability: ACTIVE→ONLINE, BUSY→BUSY, AWAY and INVISIBLE→OFFLINE. */
export const STATUS_TO_AVAILABILITY: Record<AgentStatus, Availability> = {
  ACTIVE: 'ONLINE',
  BUSY: 'BUSY',
  AWAY: 'OFFLINE',
  INVISIBLE: 'OFFLINE',
};

const notFound = () => new DomainError('NOT_FOUND', 'Agent not found.');

// A rule about whose presence, not a role gate: anyone may touch their own; another's needs a
// supervisor or admin, so the check stays here rather than at the door.
function assertMayTouch(actor: Actor, agentId: string): void {
  const self = (actor.kind === 'user' && actor.id === agentId) || (actor.kind === 'apiKey' && actor.userId === agentId);
  if (!self) assertCan(actor, 'conversations.seeAll');
}

/**
 * Anyone may set their own availability; supervisors and admins anyone's. `status` is the word
 * chosen over the API (stored as it is: AWAY and INVISIBLE are both OFFLINE); without one, the
 * availability's own word is stored. Answers with the agent as it is now.
 */
export async function changeAvailability(db: Db, actor: Actor, { agentId, availability, status }: ChangeAvailabilityInput): Promise<AgentRow> {
  assertMayTouch(actor, agentId);
  const user = await db.user.findUnique({ where: { id: agentId }, select: { id: true, enabled: true } });
  if (!user) throw notFound();
  if (!user.enabled && availability !== 'OFFLINE') throw new DomainError('BAD_REQUEST', 'A disabled agent cannot go online.');
  const why = availability === 'OFFLINE' ? 'went offline' : '';
  await setAvailability(db, agentId, availability, why, status);
  const agent = await db.user.findUnique({ where: { id: agentId }, select: AGENT_SELECT });
  if (!agent) throw notFound();
  return agent;
}

/** PUT /agents/{agentId}/status: the chosen word is stored, its availability takes effect (AWAY/INVISIBLE reassign). */
export function changeStatus(db: Db, actor: Actor, { agentId, status }: { agentId: string; status: AgentStatus }): Promise<AgentRow> {
  return changeAvailability(db, actor, { agentId, availability: STATUS_TO_AVAILABILITY[status], status });
}

/**
 * An open console's heartbeat: proves the agent is still there. One statement while they are
 * connected; when the sweep had marked them away — disconnected, it clears that (their status and
 * conversations never changed, SPEC §4), tells the consoles, and, if they are ONLINE, hands them
 * waiting conversations.
 */
export async function heartbeat(db: Db, actor: Actor, { agentId }: AgentRef): Promise<void> {
  assertMayTouch(actor, agentId);
  const now = new Date();
  const { count } = await db.user.updateMany({ where: { id: agentId, enabled: true, disconnectedAt: null }, data: { lastSeenAt: now } });
  if (count) return;
  if (!(await markPresent(db, agentId, now))) throw notFound();
}
