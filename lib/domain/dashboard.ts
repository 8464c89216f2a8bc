import type { Tx } from '../db';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/actor';
import type { Availability, Role } from '../generated/prisma/enums';
import { assignmentsSince, firstAssignmentStats, hourlyAssigned, hourlyCreated, waitingByQueue, type FirstAssignment } from './dashboard-sql';

// Supervisor dashboard (issue 6). Everything is plain JSON (ISO strings, not Dates) because the
// same object is the page's initial data and the server action's answer for refetches.

export const HOUR_MS = 3_600_000;
const OPEN_STATUSES = ['OPEN', 'WAITING'] as const;

/** Waiting-time histogram buckets: `upTo` is the exclusive upper bound in seconds (null: no bound). */
export const WAIT_BUCKETS = [
  { key: 'lt5m', label: 'Under 5 min', upTo: 5 * 60 },
  { key: '5to15m', label: '5–15 min', upTo: 15 * 60 },
  { key: '15to60m', label: '15–60 min', upTo: 60 * 60 },
  { key: '1to4h', label: '1–4 h', upTo: 4 * 3600 },
  { key: '4to24h', label: '4–24 h', upTo: 24 * 3600 },
  { key: 'gt1d', label: 'Over 1 day', upTo: null },
] as const;

export type WaitBucketKey = (typeof WAIT_BUCKETS)[number]['key'];

export type QueueFigures = {
  /** null: the row for open conversations that have no queue. */
  id: string | null;
  name: string;
  open: number;
  unassigned: number;
  /** Earliest `queuedAt ?? createdAt` among the open unassigned ones. */
  oldestWaitingSince: string | null;
  /** Open conversations of this queue per assignee, most first. */
  assigned: { agentId: string; name: string; count: number }[];
};

export type AgentFigures = {
  id: string;
  name: string;
  role: Role;
  enabled: boolean;
  availability: Availability;
  availabilityChangedAt: string;
  /** Away — disconnected: their console fell silent (SPEC §4). */
  disconnected: boolean;
  openLoad: number;
  assignedToday: number;
};

export type HourBucket = { hour: string; created: number; assigned: number };

export type DashboardData = {
  now: string;
  /** Start of "today" for `assignedToday`. */
  since: string;
  queues: QueueFigures[];
  agents: AgentFigures[];
  /** 24 one-hour buckets, oldest first; the last is the current, partial hour. */
  hourly: HourBucket[];
  waiting: {
    /** Open unassigned conversations by how long they have waited in their queue. */
    buckets: { key: WaitBucketKey; label: string; count: number }[];
    /** Conversations first assigned in the last 24 h: seconds from creation to that assignment. */
    firstAssignment: FirstAssignment;
  };
  /** Open conversations by status (OPEN and WAITING: the open load SPEC §4 counts), as the inbox's status tabs count them. */
  byStatus: { OPEN: number; WAITING: number };
};

export type DashboardOptions = {
  now?: Date;
  /**
   * Start of "today". Defaults to the last midnight in the server's time zone: the figures are
   * computed on the server and one supervisor team usually shares a zone; a caller that knows
   * better (a browser's zone) passes its own.
   */
  since?: Date;
};

export function startOfLocalDay(now: Date): Date {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d;
}

/** Hour starts are whole UTC hours, so buckets line up with the clock in every whole-hour zone. */
export function hourWindow(now: Date): { from: Date; starts: Date[] } {
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const from = current - 23 * HOUR_MS;
  return { from: new Date(from), starts: Array.from({ length: 24 }, (_, i) => new Date(from + i * HOUR_MS)) };
}

/**
 * Queue, agent and hourly figures for supervisors. Eight queries whatever the numbers of queues,
 * agents and conversations. They are separate reads, not one snapshot: a change landing between
 * them can show in one figure a moment before another, which the next refetch settles.
 */
export async function getDashboard(db: Tx, actor: Actor, opts: DashboardOptions = {}): Promise<DashboardData> {
  assertCan(actor, 'dashboard.view');
  const now = opts.now ?? new Date();
  const since = opts.since ?? startOfLocalDay(now);
  const { from, starts } = hourWindow(now);
  const dayAgo = new Date(now.getTime() - 24 * HOUR_MS);

  const [queues, openByQueueAgent, waiting, users, created, assigned, today, first] = await Promise.all([
    db.queue.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true } }),
    db.conversation.groupBy({ by: ['queueId', 'agentId', 'status'], where: { status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } }),
    waitingByQueue(db, now, WAIT_BUCKETS.map((b) => b.upTo)),
    db.user.findMany({
      // Who works conversations (agents, collaborators, queue members), and anyone else still
      // holding open ones, disabled or not, so no open load goes unseen.
      where: {
        OR: [
          { enabled: true, OR: [{ role: 'AGENT' }, { collaborations: { some: {} } }, { queueMemberships: { some: {} } }] },
          { assignedConversations: { some: { status: { in: [...OPEN_STATUSES] } } } },
        ],
      },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, role: true, enabled: true, availability: true, availabilityChangedAt: true, disconnectedAt: true },
    }),
    hourlyCreated(db, from, now),
    hourlyAssigned(db, from, now),
    assignmentsSince(db, since, now),
    firstAssignmentStats(db, dayAgo, now),
  ]);

  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const load = new Map<string, number>();
  type Tally = { open: number; unassigned: number; assigned: QueueFigures['assigned'] };
  const tally = new Map<string | null, Tally>();
  const tallyOf = (queueId: string | null) => {
    let t = tally.get(queueId);
    if (!t) tally.set(queueId, (t = { open: 0, unassigned: 0, assigned: [] }));
    return t;
  };
  const byStatus = { OPEN: 0, WAITING: 0 };
  for (const row of openByQueueAgent) {
    const t = tallyOf(row.queueId);
    const n = row._count._all;
    t.open += n;
    if (row.status === 'OPEN' || row.status === 'WAITING') byStatus[row.status] += n;
    if (row.agentId === null) t.unassigned += n;
    else {
      // One row per status: an agent's OPEN and WAITING ones add up to one entry.
      const known = t.assigned.find((a) => a.agentId === row.agentId);
      if (known) known.count += n;
      else t.assigned.push({ agentId: row.agentId, name: nameOf.get(row.agentId) ?? 'Unknown user', count: n });
      load.set(row.agentId, (load.get(row.agentId) ?? 0) + n);
    }
  }

  const oldest = new Map<string | null, number>();
  const histogram: number[] = WAIT_BUCKETS.map(() => 0);
  for (const w of waiting) {
    histogram[w.bucket] += w.count;
    oldest.set(w.queueId, Math.min(oldest.get(w.queueId) ?? Infinity, w.oldestMs));
  }

  const figures = (id: string | null, name: string): QueueFigures => {
    const t = tally.get(id) ?? { open: 0, unassigned: 0, assigned: [] };
    const waitingSince = oldest.get(id);
    return {
      id,
      name,
      open: t.open,
      unassigned: t.unassigned,
      oldestWaitingSince: waitingSince === undefined ? null : new Date(waitingSince).toISOString(),
      assigned: [...t.assigned].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    };
  };
  const queueRows = queues.map((q) => figures(q.id, q.name));
  if (tally.get(null)?.open) queueRows.push(figures(null, 'No queue'));

  const todayBy = new Map(today.map((r) => [r.agentId, r.count]));
  const createdBy = new Map(created.map((r) => [r.bucket, r.count]));
  const assignedBy = new Map(assigned.map((r) => [r.bucket, r.count]));

  return {
    now: now.toISOString(),
    since: since.toISOString(),
    queues: queueRows,
    agents: users.map(({ disconnectedAt, ...u }) => ({
      ...u,
      disconnected: disconnectedAt !== null,
      availabilityChangedAt: u.availabilityChangedAt.toISOString(),
      openLoad: load.get(u.id) ?? 0,
      assignedToday: todayBy.get(u.id) ?? 0,
    })),
    hourly: starts.map((s, i) => ({ hour: s.toISOString(), created: createdBy.get(i) ?? 0, assigned: assignedBy.get(i) ?? 0 })),
    waiting: {
      buckets: WAIT_BUCKETS.map((b, i) => ({ key: b.key, label: b.label, count: histogram[i] })),
      firstAssignment: first,
    },
    byStatus,
  };
}
