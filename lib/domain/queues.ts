import type { Tx } from '../db';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/actor';
import type { QueuePolicyColumns } from '../validation/queue-policy';

export type QueueOverview = {
  id: string;
  name: string;
  isDefault: boolean;
  workingHoursId: string | null;
  /** The assignment policy as stored (the settings panel edits it). */
  policy: QueuePolicyColumns;
  members: { id: string; name: string; availability: 'ONLINE' | 'BUSY' | 'OFFLINE' }[];
  routeCount: number;
  open: number;
  unassigned: number;
  oldestWaitingSince: Date | null;
};

/** Queues with their live counts (SPEC §6): open, unassigned, oldest waiting. A fixed number of queries. */
export async function listQueueOverview(db: Tx, actor: Actor): Promise<QueueOverview[]> {
  assertCan(actor, 'queues.view');
  const active = { status: { in: ['OPEN' as const, 'WAITING' as const] } };
  const [queues, open, unassigned] = await Promise.all([
    db.queue.findMany({
      orderBy: { name: 'asc' },
      include: {
        members: { select: { user: { select: { id: true, name: true, availability: true } } }, orderBy: { createdAt: 'asc' } },
        _count: { select: { routes: true } },
      },
    }),
    db.conversation.groupBy({ by: ['queueId'], where: { ...active, queueId: { not: null } }, _count: { _all: true } }),
    db.conversation.groupBy({
      by: ['queueId'],
      where: { ...active, queueId: { not: null }, agentId: null },
      _count: { _all: true },
      _min: { queuedAt: true, createdAt: true },
    }),
  ]);
  const openBy = new Map(open.map((r) => [r.queueId, r._count._all]));
  const unassignedBy = new Map(unassigned.map((r) => [r.queueId, r]));
  return queues.map((q) => {
    const u = unassignedBy.get(q.id);
    return {
      id: q.id,
      name: q.name,
      isDefault: q.isDefault,
      workingHoursId: q.workingHoursId,
      policy: { autoAssign: q.autoAssign, algorithm: q.algorithm, assignOutsideHours: q.assignOutsideHours, sticky: q.sticky, stickyDays: q.stickyDays },
      members: q.members.map((m) => m.user),
      routeCount: q._count.routes,
      open: openBy.get(q.id) ?? 0,
      unassigned: u?._count._all ?? 0,
      oldestWaitingSince: u ? (u._min.queuedAt ?? u._min.createdAt) : null,
    };
  });
}

export type MemberCandidate = { id: string; name: string; role: 'ADMIN' | 'SUPERVISOR' | 'AGENT' };

/** Who can be made a queue member: enabled users, agents first (they work the queues), then by name. */
export async function listMemberCandidates(db: Tx, actor: Actor): Promise<MemberCandidate[]> {
  assertCan(actor, 'queues.view');
  const users = await db.user.findMany({ where: { enabled: true }, orderBy: { name: 'asc' }, select: { id: true, name: true, role: true } });
  const rank = { AGENT: 0, SUPERVISOR: 1, ADMIN: 2 } as const;
  return users.sort((a, b) => rank[a.role] - rank[b.role]);
}
