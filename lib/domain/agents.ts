import type { Db } from '../db';
import { unitOfWork } from '../db/unit-of-work';
import { isUniqueViolation } from '../db/sql';
import type { Actor } from '../access/actor';
import type { Prisma } from '../generated/prisma/client';
import type { AgentStatus, Role } from '../generated/prisma/enums';
import { emit } from '../realtime/outbox';
import { audit } from './audit';
import type { AgentConversationsQuery, AgentListQuery, CreateAgentInput, UpdateAgentInput } from '../validation/agents';
import { AGENT_SELECT, type AgentRow } from './agent-row';
import { STATUS_TO_AVAILABILITY } from './assignment/presence';
import { listConversations, type ConversationPage } from './conversations/list';
import { DomainError } from './errors';
import { issuePasswordToken, unusablePasswordHash } from './password-tokens';
import { setAvailability } from './presence';
import { setUserEnabled } from './users';
import { setAgentCapacity } from './capacity';

// The Agents API (reference conversation-agents): agents are the console's users. The reference's
// roles are AGENT and SUPERVISOR; an admin reads as SUPERVISOR (with `admin: true`) and no request
// here changes an admin's role, so a client sending an admin back as it read them cannot demote them.
// Who may call what is the registry's (agents.view, agents.manage); these keep the data rules.

const notFound = () => new DomainError('NOT_FOUND', 'Agent not found.');

export type AgentPage = { agents: AgentRow[]; totalItems: number; page: number; limit: number; orderBy: string };

const ORDER_COLUMN = { id: 'id', displayName: 'name', createdAt: 'createdAt', updatedAt: 'updatedAt', status: 'status' } as const;

/**
 * The `availability` filter matches the effective state the answers show (lib/http/agent-mapper.ts):
 * AWAY is OFFLINE or disconnected; BUSY is BUSY, or ONLINE at capacity; ACTIVE is the other ONLINE
 * ones; INVISIBLE is a choice, never an effect, so it matches nobody. `atCapacity`: ids of agents
 * whose open conversations reach their capacity (read by `atCapacityIds` only when needed).
 */
function availabilityWhere(a: AgentStatus, atCapacity: string[]): Prisma.UserWhereInput {
  if (a === 'AWAY') return { OR: [{ availability: 'OFFLINE' }, { disconnectedAt: { not: null } }] };
  if (a === 'BUSY') return { disconnectedAt: null, OR: [{ availability: 'BUSY' }, { availability: 'ONLINE', id: { in: atCapacity } }] };
  if (a === 'ACTIVE') return { disconnectedAt: null, availability: 'ONLINE', id: { notIn: atCapacity } };
  return { id: { in: [] } };
}

/** Agents whose OPEN + WAITING conversations reach their capacity: one grouped statement. */
async function atCapacityIds(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT u.id FROM "User" u
    WHERE u.capacity IS NOT NULL
      AND u.capacity <= (SELECT count(*) FROM "Conversation" c WHERE c."agentId" = u.id AND c.status IN ('OPEN', 'WAITING'))`;
  return rows.map((r) => r.id);
}

function agentWhere(q: AgentListQuery, atCapacity: string[]): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [];
  if (q.agentIds?.length) and.push({ id: { in: q.agentIds } });
  if (q.queueIds?.length) and.push({ queueMemberships: { some: { queueId: { in: q.queueIds } } } });
  if (q.displayName) and.push({ name: { contains: q.displayName, mode: 'insensitive' } });
  if (q.email) and.push({ email: { equals: q.email, mode: 'insensitive' } });
  if (q.status) and.push({ status: q.status });
  if (q.availability) and.push(availabilityWhere(q.availability, atCapacity));
  // Admins read as SUPERVISOR, so they are found as supervisors.
  if (q.role) and.push({ role: q.role === 'AGENT' ? 'AGENT' : { in: ['SUPERVISOR', 'ADMIN'] } });
  if (q.enabled !== undefined) and.push({ enabled: q.enabled });
  if (q.createdAfter) and.push({ createdAt: { gte: q.createdAfter } });
  if (q.createdBefore) and.push({ createdAt: { lt: q.createdBefore } });
  if (q.updatedAfter) and.push({ updatedAt: { gte: q.updatedAfter } });
  if (q.updatedBefore) and.push({ updatedAt: { lt: q.updatedBefore } });
  return { AND: and };
}

/**
 * One page of agents, filtered: two statements whatever the page holds (the rows with their open
 * counts, and the total), and one more when filtering by ACTIVE or BUSY (who is at capacity).
 */
export async function listAgents(db: Db, _actor: Actor, q: AgentListQuery): Promise<AgentPage> {
  const atCapacity = q.availability === 'ACTIVE' || q.availability === 'BUSY' ? await atCapacityIds(db) : [];
  const where = agentWhere(q, atCapacity);
  const [field, dir] = q.orderBy.split(':') as [keyof typeof ORDER_COLUMN, 'asc' | 'desc'];
  const orderBy: Prisma.UserOrderByWithRelationInput[] = [{ [ORDER_COLUMN[field]]: dir }, ...(field === 'id' ? [] : [{ id: dir }])];
  const [agents, totalItems] = await Promise.all([
    db.user.findMany({ where, orderBy, skip: q.page * q.limit, take: q.limit, select: AGENT_SELECT }),
    db.user.count({ where }),
  ]);
  return { agents, totalItems, page: q.page, limit: q.limit, orderBy: q.orderBy };
}

export async function getAgent(db: Db, _actor: Actor, { agentId }: { agentId: string }): Promise<AgentRow> {
  const agent = await db.user.findUnique({ where: { id: agentId }, select: AGENT_SELECT });
  if (!agent) throw notFound();
  return agent;
}

const emailTaken = (email: string) =>
  new DomainError('BAD_REQUEST', `Someone already signs in with ${email}.`, { email: ['Another account already uses this email.'] });

/**
 * A new user who can sign in once they have set a password through the one-time link: until then
 * their password hash matches nothing. Their status is stored as given (and takes effect: ACTIVE
 * makes them ONLINE; without heartbeats the presence sweep soon shows them as away — disconnected).
 */
export async function createAgent(db: Db, actor: Actor, input: CreateAgentInput): Promise<{ agent: AgentRow; token: string }> {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken(input.email);
  try {
    const created = await unitOfWork(db, async (tx) => {
      const now = new Date();
      const agent = await tx.user.create({
        data: {
          name: input.displayName,
          email: input.email,
          role: input.role,
          enabled: input.enabled,
          status: input.status,
          capacity: input.capacity ?? null,
          availability: input.enabled ? STATUS_TO_AVAILABILITY[input.status] : 'OFFLINE',
          availabilityChangedAt: now,
          passwordHash: unusablePasswordHash(),
        },
        select: AGENT_SELECT,
      });
      const { token } = await issuePasswordToken(tx, agent.id, 'SET', now);
      await audit(tx, actor, {
        entity: 'USER',
        entityId: agent.id,
        entityName: agent.name,
        action: 'create',
        after: { name: agent.name, email: agent.email, role: agent.role, enabled: input.enabled, status: input.status, capacity: input.capacity ?? null },
      });
      emit(tx, { type: 'users', id: agent.id });
      return { agent, token };
    });
    return created;
  } catch (e) {
    // Two creations of one email at once: the unique index decides.
    if (isUniqueViolation(e)) throw emailTaken(input.email);
    throw e;
  }
}

/**
 * PUT /agents/{agentId}. Everything is checked before anything changes; then the name and role in
 * one statement, the enabled flag through the People page's path (disabling hands conversations
 * on), and the status through the presence functions (AWAY and INVISIBLE reassign).
 */
export async function updateAgent(db: Db, actor: Actor, input: UpdateAgentInput): Promise<AgentRow> {
  const current = await db.user.findUnique({ where: { id: input.agentId }, select: AGENT_SELECT });
  if (!current) throw notFound();
  if (input.id != null && input.id !== current.id) {
    throw new DomainError('BAD_REQUEST', 'Request is invalid.', { id: ['Does not match the path.'] });
  }
  if (input.email != null && input.email.trim().toLowerCase() !== current.email.toLowerCase()) {
    throw new DomainError('BAD_REQUEST', 'An agent’s email cannot be changed here.', { email: ['Read-only: send it as read, or leave it out.'] });
  }
  const enabled = input.enabled ?? current.enabled;
  if (!enabled && STATUS_TO_AVAILABILITY[input.status] !== 'OFFLINE') {
    throw new DomainError('BAD_REQUEST', 'A disabled agent cannot be ACTIVE or BUSY.', { status: ['Use AWAY or INVISIBLE for a disabled agent.'] });
  }
  const self = (actor.kind === 'user' && actor.id === current.id) || (actor.kind === 'apiKey' && actor.userId === current.id);
  if (self && !enabled && current.enabled) {
    throw new DomainError('BAD_REQUEST', 'You cannot disable your own account. Ask another admin.', { enabled: ['Not for yourself.'] });
  }
  // An admin stays an admin whatever role is sent (the reference has no word for it).
  const role: Role = current.role === 'ADMIN' ? 'ADMIN' : input.role;

  if (input.displayName !== current.name || role !== current.role) {
    // An admin is never demoted here, even one promoted since `current` was read: the guard is in the write.
    await unitOfWork(db, async (tx) => {
      const { count } = await tx.user.updateMany({ where: { id: current.id, ...(role !== 'ADMIN' && { role: { not: 'ADMIN' } }) }, data: { name: input.displayName, role } });
      if (!count) {
        const exists = await tx.user.findUnique({ where: { id: current.id }, select: { id: true } });
        throw exists ? new DomainError('BAD_REQUEST', 'This agent was made an admin meanwhile; read them again.', { role: ['Admins keep their role.'] }) : notFound();
      }
      const action = role !== current.role ? 'role.change' : 'update';
      await audit(tx, actor, { entity: 'USER', entityId: current.id, entityName: input.displayName, action, before: { name: current.name, role: current.role }, after: { name: input.displayName, role } });
      // A role decides what the user may see: their open streams re-read it.
      emit(tx, { type: 'users', id: current.id });
      if (role !== current.role) emit(tx, { type: 'scope', userIds: [current.id] });
    });
  }
  if (enabled !== current.enabled) await setUserEnabled(db, actor, { userId: current.id, enabled });
  // Left out: unchanged; null: unlimited. Raising it drains the agent's backlog (./capacity).
  if (input.capacity !== undefined && input.capacity !== current.capacity) await setAgentCapacity(db, actor, { userId: current.id, capacity: input.capacity });
  // Disabling stored AWAY; compare with what is stored now.
  const statusNow = enabled !== current.enabled && !enabled ? 'AWAY' : current.status;
  const availabilityNow = enabled !== current.enabled && !enabled ? 'OFFLINE' : current.availability;
  const availability = STATUS_TO_AVAILABILITY[input.status];
  if (input.status !== statusNow || availability !== availabilityNow) {
    await setAvailability(db, current.id, availability, availability === 'OFFLINE' ? 'went offline' : '', input.status, {
      actor,
      name: input.displayName,
      before: { status: statusNow, availability: availabilityNow },
    });
  }
  return getAgent(db, actor, { agentId: current.id });
}

/** The conversations assigned to an agent, as the caller may see them (SPEC §2 visibility). */
export async function listAgentConversations(db: Db, actor: Actor, { agentId, page, limit, orderBy }: AgentConversationsQuery): Promise<ConversationPage> {
  if (!(await db.user.findUnique({ where: { id: agentId }, select: { id: true } }))) throw notFound();
  return listConversations(db, actor, { agentId, page, limit, orderBy });
}
