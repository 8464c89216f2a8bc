import type { Db, Tx } from '../db';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/actor';
import type { Availability, Channel, Role } from '../generated/prisma/enums';
import { previewAssignment } from './assignment/explain';
import type { CollaboratorRef, SetInboxTogglesInput } from '../validation/admin';
import { DomainError } from './errors';
import { afterCommit, unitOfWork } from '../db/unit-of-work';
import { drainAfterChange } from './assignment/drain-after';
import { emit } from '../realtime/outbox';
import { audit } from './audit';

export type CollaboratorRow = {
  userId: string;
  name: string;
  role: Role;
  availability: Availability;
  enabled: boolean;
  position: number;
  lastTurn: number;
  /**
   * Whom auto-assignment would give a new conversation of this inbox without a queue now: the same
   * pick (pickAgentCtes), so capacity, BUSY and away agents count as they do there.
   */
  next: boolean;
};

export type InboxRow = {
  id: string;
  name: string;
  channel: Channel;
  isDefault: boolean;
  autoAssign: boolean;
  reassignOnOffline: boolean;
  /** In round-robin order: longest since their last turn first, then fixed position. */
  collaborators: CollaboratorRow[];
};

/** Every inbox with its collaborators in the order round robin would serve them, and who is next. */
export async function listInboxes(db: Tx, actor: Actor): Promise<InboxRow[]> {
  assertCan(actor, 'inboxes.manage');
  const inboxes = await db.inbox.findMany({
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      channel: true,
      isDefault: true,
      autoAssign: true,
      reassignOnOffline: true,
      collaborators: {
        select: { userId: true, position: true, lastTurn: true, user: { select: { name: true, role: true, availability: true, enabled: true } } },
      },
    },
  });
  // One read-only pick per inbox, the statement the assigners run (explain.ts).
  const next = await Promise.all(inboxes.map((i) => previewAssignment(db, { inboxId: i.id, queueId: null })));
  return inboxes.map(({ collaborators, ...inbox }, i) => {
    const rows = collaborators
      .map((c) => ({ userId: c.userId, position: c.position, lastTurn: c.lastTurn, ...c.user, next: false }))
      .sort((a, b) => a.lastTurn - b.lastTurn || a.position - b.position || (a.userId < b.userId ? -1 : 1));
    return { ...inbox, collaborators: rows.map((r) => ({ ...r, next: r.userId === next[i].agentId })) };
  });
}

// Changing collaborators and switches needs inboxes.manage: the registry checks it before these run.

/** Appends the user to the inbox's round-robin order (position = last + 1). Adding a collaborator twice is refused. */
export async function addCollaborator(db: Db, actor: Actor, { inboxId, userId }: CollaboratorRef): Promise<void> {
  await unitOfWork(db, async (tx) => {
    // The same lock assignment takes, so positions are handed out one at a time and never collide.
    const inbox = await lockInbox(tx, inboxId);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { name: true, enabled: true } });
    if (!user) throw new DomainError('BAD_REQUEST', 'User not found.', { userId: ['No user has this id.'] });
    if (!user.enabled) throw new DomainError('BAD_REQUEST', `${user.name} is disabled.`, { userId: ['The user is disabled.'] });
    const existing = await tx.inboxCollaborator.findUnique({ where: { inboxId_userId: { inboxId, userId } }, select: { userId: true } });
    if (existing) throw new DomainError('CONFLICT', `${user.name} already collaborates on this inbox.`, { userId: ['Already a collaborator.'] });
    const last = await tx.inboxCollaborator.aggregate({ where: { inboxId }, _max: { position: true } });
    await tx.inboxCollaborator.create({ data: { inboxId, userId, position: (last._max.position ?? -1) + 1 } });
    await audit(tx, actor, { entity: 'INBOX', entityId: inboxId, entityName: inbox.name, action: 'collaborator.add', after: { userId, userName: user.name } });
    emit(tx, { type: 'inboxes' });
    emit(tx, { type: 'scope', userIds: [userId] });
    // The new collaborator may take the inbox's waiting conversations, once this commits.
    afterCommit(tx, () => drainAfterChange(db, { agentId: userId }));
  });
}

/** Takes the user off the inbox. Conversations already assigned to them stay with them. */
export async function removeCollaborator(db: Db, actor: Actor, { inboxId, userId }: CollaboratorRef): Promise<void> {
  await unitOfWork(db, async (tx) => {
    const inbox = await lockInbox(tx, inboxId);
    const { count } = await tx.inboxCollaborator.deleteMany({ where: { inboxId, userId } });
    if (!count) throw new DomainError('NOT_FOUND', 'This user does not collaborate on this inbox.');
    const user = await tx.user.findUnique({ where: { id: userId }, select: { name: true } });
    await audit(tx, actor, { entity: 'INBOX', entityId: inboxId, entityName: inbox.name, action: 'collaborator.remove', before: { userId, userName: user?.name ?? null } });
    emit(tx, { type: 'inboxes' });
    emit(tx, { type: 'scope', userIds: [userId] });
  });
}

/** Auto-assignment and reassign-on-offline switches (SPEC §4); either may be left out. */
export async function setInboxToggles(db: Db, actor: Actor, { inboxId, ...data }: SetInboxTogglesInput): Promise<{ autoAssign: boolean; reassignOnOffline: boolean }> {
  return unitOfWork(db, async (tx) => {
    const before = await lockInbox(tx, inboxId);
    const after = await tx.inbox.update({ where: { id: inboxId }, data, select: { autoAssign: true, reassignOnOffline: true } });
    const toggles = { autoAssign: before.autoAssign, reassignOnOffline: before.reassignOnOffline };
    await audit(tx, actor, { entity: 'INBOX', entityId: inboxId, entityName: before.name, action: 'settings.update', before: toggles, after });
    emit(tx, { type: 'inboxes' });
    // Switched on: the inbox's waiting conversations are handed out once this commits. (Sending
    // true while it was already on drains too: harmless, and it picks up anything left waiting.)
    if (data.autoAssign) afterCommit(tx, () => drainAfterChange(db, { inboxIds: [inboxId] }));
    return after;
  });
}

type LockedInbox = { name: string; autoAssign: boolean; reassignOnOffline: boolean };

async function lockInbox(tx: Tx, inboxId: string): Promise<LockedInbox> {
  const rows = await tx.$queryRaw<LockedInbox[]>`SELECT name, "autoAssign", "reassignOnOffline" FROM "Inbox" WHERE id = ${inboxId} FOR NO KEY UPDATE`;
  if (!rows[0]) throw new DomainError('NOT_FOUND', 'Inbox not found.');
  return rows[0];
}

/** Who may be added as a collaborator: enabled users, agents first (they do most of the work). */
export async function listCollaboratorCandidates(db: Tx, actor: Actor): Promise<{ id: string; name: string; role: Role }[]> {
  assertCan(actor, 'inboxes.manage');
  const users = await db.user.findMany({ where: { enabled: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true, role: true } });
  const rank: Record<Role, number> = { AGENT: 0, SUPERVISOR: 1, ADMIN: 2 };
  return users.sort((a, b) => rank[a.role] - rank[b.role]);
}
