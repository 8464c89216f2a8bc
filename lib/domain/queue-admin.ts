import type { z } from 'zod';
import type { Db, Tx } from '../db';
import { isUniqueViolation } from '../db/sql';
import { isForeignKeyViolation } from '../db/sql';
import type { Actor } from '../access/actor';
import type { createQueueSchema, queueListQuerySchema } from '../validation/routing';
import type { QueueMember, QueueRef, UpdateQueueInput } from '../validation/queues';
import { DomainError, notFound } from './errors';
import { afterCommit, unitOfWork } from '../db/unit-of-work';
import type { QueuePolicyColumns } from '../validation/queue-policy';
import { drainAfterChange } from './assignment/drain-after';
import { NEW_QUEUE_POLICY, policyColumns, policyOpensWork } from './queue-policy';
import { emit, noteTimeline } from '../realtime/outbox';
import { audit } from './audit';
import { timelineRows, type TimelineEntry } from './timeline';

// What the API answers with: the counts of enabled member agents and enabled routes (QueueApiModel).
const COUNTS = { _count: { select: { members: { where: { user: { enabled: true } } }, routes: { where: { enabled: true } } } } } as const;

const nameTaken = (name: string) => new DomainError('BAD_REQUEST', `A queue named "${name}" already exists.`, { name: ['Already in use.'] });

// Who may call these is the registry's check (queues.manage, or conversations.work for reading).

const noWorkingHours = () => new DomainError('BAD_REQUEST', 'No working hours have this id.', { workingHoursId: ['No working hours have this id.'] });

/** The working hours a queue is pointed at must exist (null takes it off its working hours). */
async function checkWorkingHours(tx: Tx, workingHoursId: string | null | undefined): Promise<void> {
  if (!workingHoursId) return;
  const found = await tx.workingHours.findUnique({ where: { id: workingHoursId }, select: { id: true } });
  if (!found) throw noWorkingHours();
}

/** The stored fields of a create or update body, the assignment policy as ./queue-policy stores it. */
function queueColumns(data: Partial<z.output<typeof createQueueSchema>>, current: QueuePolicyColumns) {
  return {
    ...(data.name !== undefined && { name: data.name }),
    ...(data.isDefault !== undefined && data.isDefault !== null && { isDefault: data.isDefault }),
    ...(data.workingHoursId !== undefined && { workingHoursId: data.workingHoursId }),
    ...(data.externalId !== undefined && { externalId: data.externalId }),
    ...policyColumns(data, current),
  };
}

type CurrentQueue = QueuePolicyColumns & { workingHoursId: string | null; name: string; isDefault: boolean; externalId: string | null };

/** What the audit log keeps of a queue: its name, default mark and assignment settings. */
function queueView(q: CurrentQueue): Record<string, unknown> {
  return {
    name: q.name,
    isDefault: q.isDefault,
    externalId: q.externalId,
    workingHoursId: q.workingHoursId,
    autoAssign: q.autoAssign,
    algorithm: q.algorithm,
    assignOutsideHours: q.assignOutsideHours,
    sticky: q.sticky,
    stickyDays: q.stickyDays,
  };
}

/** The queue's policy before a change, its row locked against another change (not against new conversations, whose key share this lock lets through). */
async function lockQueuePolicy(tx: Tx, id: string): Promise<CurrentQueue> {
  const rows = await tx.$queryRaw<CurrentQueue[]>`
    SELECT "autoAssign", algorithm::text AS algorithm, "assignOutsideHours", sticky, "stickyDays", "workingHoursId", name, "isDefault", "externalId"
    FROM "Queue" WHERE id = ${id} FOR NO KEY UPDATE`;
  if (!rows[0]) throw new DomainError('NOT_FOUND', 'Queue not found.');
  return rows[0];
}

/** Creates a queue; making it the default takes the mark off the previous default in the same transaction. */
export async function createQueue(db: Db, actor: Actor, data: z.output<typeof createQueueSchema>) {
  try {
    return await unitOfWork(db, async (tx) => {
      await checkWorkingHours(tx, data.workingHoursId);
      if (data.isDefault) await tx.queue.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
      emit(tx, { type: 'queues' });
      const queue = await tx.queue.create({ data: { ...queueColumns(data, NEW_QUEUE_POLICY), name: data.name, isDefault: !!data.isDefault }, include: COUNTS });
      await audit(tx, actor, { entity: 'QUEUE', entityId: queue.id, entityName: queue.name, action: 'create', after: queueView(queue) });
      return queue;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(data.name);
    // The working hours were deleted between the check and the insert.
    if (isForeignKeyViolation(e)) throw noWorkingHours();
    throw e;
  }
}

export async function updateQueue(db: Db, actor: Actor, { queueId: id, ...data }: UpdateQueueInput) {
  try {
    return await unitOfWork(db, async (tx) => {
      const before = await lockQueuePolicy(tx, id);
      await checkWorkingHours(tx, data.workingHoursId);
      if (data.isDefault) await tx.queue.updateMany({ where: { isDefault: true, id: { not: id } }, data: { isDefault: false } });
      emit(tx, { type: 'queues' });
      const after = await tx.queue.update({ where: { id }, data: queueColumns(data, before), include: COUNTS });
      await audit(tx, actor, { entity: 'QUEUE', entityId: id, entityName: after.name, action: 'update', before: queueView(before), after: queueView(after) });
      // Waiting conversations of the queue may be assignable now: hand them out once this commits.
      if (policyOpensWork(before, after)) afterCommit(tx, () => drainAfterChange(db, { queueIds: [id] }));
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(data.name ?? '');
    if (isForeignKeyViolation(e)) throw noWorkingHours();
    throw e;
  }
}

/** Refused while routes point to the queue, naming them; its conversations keep their data and lose the queue. */
export async function deleteQueue(db: Db, actor: Actor, { queueId: id }: QueueRef): Promise<void> {
  await unitOfWork(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Queue" WHERE id = ${id} FOR UPDATE`;
    await mustExist(tx, id);
    const routes = await tx.route.findMany({ where: { queueId: id }, select: { name: true }, orderBy: { position: 'asc' } });
    if (routes.length) {
      const names = routes.map((r) => r.name);
      throw new DomainError('BAD_REQUEST', `Routes point to this queue: ${names.join(', ')}. Change or remove them first.`, { routes: names });
    }
    const members = await tx.queueMember.findMany({ where: { queueId: id }, select: { userId: true } });
    const queue = await lockQueuePolicy(tx, id);
    const conversations = await tx.conversation.findMany({ where: { queueId: id }, select: { id: true } });
    // Its conversations lose the queue (ON DELETE SET NULL); their timelines and open pages say so.
    await tx.queue.delete({ where: { id } });
    await audit(tx, actor, { entity: 'QUEUE', entityId: id, entityName: queue.name, action: 'delete', before: { ...queueView(queue), members: members.length } });
    const entry: TimelineEntry = { kind: 'QUEUE_CHANGED', before: { queueId: id }, after: { queueId: null }, reason: `queue ${queue.name} was deleted` };
    await tx.timelineEvent.createMany({ data: conversations.flatMap((c) => timelineRows(c.id, actor, [entry])) });
    for (const c of conversations) noteTimeline(tx, c.id, actor, [entry]);
    emit(tx, { type: 'queues' });
    // In slices: one NOTIFY payload holds a few hundred ids at most.
    for (let i = 0; i < members.length; i += 100) emit(tx, { type: 'scope', userIds: members.slice(i, i + 100).map((m) => m.userId) });
  });
}

export async function addQueueMember(db: Db, actor: Actor, { agentId: userId, queueId }: QueueMember): Promise<void> {
  await unitOfWork(db, async (tx) => {
    const [user, queue] = await Promise.all([
      tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true } }),
      tx.queue.findUnique({ where: { id: queueId }, select: { id: true, name: true } }),
    ]);
    if (!user) throw new DomainError('NOT_FOUND', 'Agent not found.');
    if (!queue) throw new DomainError('BAD_REQUEST', 'Queue not found.', { queueId: ['No queue has this id.'] });
    const { count } = await tx.queueMember.createMany({ data: [{ userId, queueId }], skipDuplicates: true });
    // Already a member: nothing changed, nothing to log.
    if (!count) return;
    await audit(tx, actor, { entity: 'QUEUE', entityId: queueId, entityName: queue.name, action: 'member.add', after: { userId, userName: user.name } });
    emit(tx, { type: 'queues' });
    emit(tx, { type: 'scope', userIds: [userId] });
    // A new member may take the queue's waiting conversations.
    afterCommit(tx, () => drainAfterChange(db, { agentId: userId }));
  });
}

export async function removeQueueMember(db: Db, actor: Actor, { agentId: userId, queueId }: QueueMember): Promise<void> {
  await unitOfWork(db, async (tx) => {
    const { count } = await tx.queueMember.deleteMany({ where: { userId, queueId } });
    if (!count) throw new DomainError('NOT_FOUND', 'The agent is not a member of this queue.');
    const [user, queue] = await Promise.all([
      tx.user.findUnique({ where: { id: userId }, select: { name: true } }),
      tx.queue.findUnique({ where: { id: queueId }, select: { name: true } }),
    ]);
    await audit(tx, actor, { entity: 'QUEUE', entityId: queueId, entityName: queue?.name ?? null, action: 'member.remove', before: { userId, userName: user?.name ?? null } });
    emit(tx, { type: 'queues' });
    emit(tx, { type: 'scope', userIds: [userId] });
  });
}

async function mustExist(tx: Tx, id: string) {
  const q = await tx.queue.findUnique({ where: { id }, select: { id: true } });
  if (!q) throw new DomainError('NOT_FOUND', 'Queue not found.');
}

/** Reference GET /queues: with counts of enabled member agents and enabled routes, a fixed number of queries. */
export async function listQueues(db: Tx, actor: Actor, q: Pick<z.output<typeof queueListQuerySchema>, 'page' | 'limit' | 'name' | 'queueIds' | 'agentId'> & { workingHoursId?: string }) {
  const where = {
    ...(q.name && { name: { contains: q.name, mode: 'insensitive' as const } }),
    ...(q.queueIds?.length && { id: { in: q.queueIds } }),
    ...(q.agentId && { members: { some: { userId: q.agentId } } }),
    ...(q.workingHoursId && { workingHoursId: q.workingHoursId }),
  };
  const [queues, totalItems] = await Promise.all([
    db.queue.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: q.page * q.limit,
      take: q.limit,
      include: COUNTS,
    }),
    db.queue.count({ where }),
  ]);
  return { queues, totalItems };
}

/** Reference GET /queues/{queueId}: one queue with the list's counts, or 404. */
export async function getQueue(db: Tx, actor: Actor, { queueId }: QueueRef) {
  const { queues } = await listQueues(db, actor, { page: 0, limit: 1, queueIds: [queueId] });
  if (!queues[0]) throw notFound('Queue');
  return queues[0];
}
