import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type { Actor } from '../access/actor';
import { isUniqueViolation } from '../db/sql';
import { unitOfWork } from '../db/unit-of-work';
import { emit } from '../realtime/outbox';
import {
  WEEK_DAYS,
  WORKING_HOURS_ORDER_FIELDS,
  type CreateWorkingHoursInput,
  type HolidayInput,
  type PatchWorkingHoursInput,
  type UpdateWorkingHoursInput,
  type WorkingHoursListQuery,
  type WorkingHoursRef,
  type WorkWeek,
} from '../validation/working-hours';
import { DomainError } from './errors';
import { audit } from './audit';
import { drainAfterChange } from './assignment/drain-after';

// The working-hours resource (issue 12): CRUD with holidays. What working hours do to routing and
// assignment belongs to the policies; a queue follows one (Queue.workingHoursId).
// Who may call these is the registry's check (workingHours.view / workingHours.manage).

const HOLIDAY_ORDER = [{ startDate: 'asc' as const }, { name: 'asc' as const }, { id: 'asc' as const }];
const withHolidays = { holidays: { orderBy: HOLIDAY_ORDER } } satisfies Prisma.WorkingHoursInclude;

export type WorkingHoursRow = Prisma.WorkingHoursGetPayload<{ include: typeof withHolidays }>;

// Serializes the writes that set a default: two of them at once would otherwise meet on the
// partial unique index (at most one default) and one would fail with a bare unique violation.
const DEFAULT_LOCK = 7_212_001;


const notFound = (id: string) => new DomainError('NOT_FOUND', `Invalid id '${id}' given! No such working hours exist.`);
const nameTaken = (name: string) => new DomainError('BAD_REQUEST', `Working hours named "${name}" already exist.`, { name: ['Already in use.'] });

/** The stored week, always in MONDAY…SUNDAY order. */
function storedWeek(week: WorkWeek): Prisma.InputJsonObject {
  return Object.fromEntries(WEEK_DAYS.map((d) => [d, { startTime: week[d].startTime, endTime: week[d].endTime, enabled: week[d].enabled }]));
}

const asDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

/**
 * Replaces the holidays of one working hours: a holiday sent back with the id it was read with
 * keeps it; the others get new ids. Three statements whatever the count.
 */
async function replaceHolidays(tx: Tx, workingHoursId: string, holidays: HolidayInput[]): Promise<void> {
  const existing = new Set((await tx.workingHoursHoliday.findMany({ where: { workingHoursId }, select: { id: true } })).map((h) => h.id));
  await tx.workingHoursHoliday.deleteMany({ where: { workingHoursId } });
  if (!holidays.length) return;
  const taken = new Set<string>();
  const data = holidays.map((h) => {
    const id = h.id && existing.has(h.id) && !taken.has(h.id) ? h.id : randomUUID();
    taken.add(id);
    return { id, workingHoursId, name: h.name, startDate: asDate(h.startDate), endDate: asDate(h.endDate), enabled: h.enabled ?? true };
  });
  await tx.workingHoursHoliday.createMany({ data });
}

async function takeDefault(tx: Tx, exceptId?: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${DEFAULT_LOCK})::text AS locked`;
  await tx.workingHours.updateMany({ where: { isDefault: true, ...(exceptId && { id: { not: exceptId } }) }, data: { isDefault: false } });
}

/** Locks the row; answers it as it was before the change (for the audit log). */
async function lockExisting(tx: Tx, id: string): Promise<WorkingHoursRow> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "WorkingHours" WHERE id = ${id} FOR UPDATE`;
  if (!rows.length) throw notFound(id);
  return tx.workingHours.findUniqueOrThrow({ where: { id }, include: withHolidays });
}

/** What the audit log keeps of working hours: the settings and the holidays, without row bookkeeping. */
function auditView(row: WorkingHoursRow): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, holidays, ...fields } = row;
  return { ...fields, holidays: holidays.map((h) => ({ name: h.name, startDate: h.startDate, endDate: h.endDate, enabled: h.enabled })) };
}

async function auditHours(tx: Tx, actor: Actor, action: 'create' | 'update' | 'delete', before: WorkingHoursRow | null, after: WorkingHoursRow | null): Promise<void> {
  const row = (after ?? before)!;
  await audit(tx, actor, { entity: 'WORKING_HOURS', entityId: row.id, entityName: row.name, action, before: before && auditView(before), after: after && auditView(after) });
}

async function write<T>(db: Db, name: string | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await unitOfWork(db, async (tx) => {
      const result = await fn(tx);
      emit(tx, { type: 'queues' });
      return result;
    });
  } catch (e) {
    // Defaults are serialized by the lock above, so the one unique key left to meet is the name.
    if (isUniqueViolation(e)) throw nameTaken(name ?? '');
    throw e;
  }
}

/** Creates working hours with their holidays; making them the default takes the mark off the previous default in the same transaction. */
export async function createWorkingHours(db: Db, actor: Actor, input: CreateWorkingHoursInput): Promise<WorkingHoursRow> {
  return write(db, input.name, async (tx) => {
    if (input.isDefault) await takeDefault(tx);
    const id = randomUUID();
    await tx.workingHours.create({
      data: {
        id,
        ...wholeFields(input),
      },
    });
    await replaceHolidays(tx, id, input.holidays ?? []);
    const row = await tx.workingHours.findUniqueOrThrow({ where: { id }, include: withHolidays });
    await auditHours(tx, actor, 'create', null, row);
    return row;
  });
}

/** The columns of a whole resource (create and PUT): optional fields left out take their defaults. */
function wholeFields(input: UpdateWorkingHoursInput | Omit<UpdateWorkingHoursInput, 'id'>) {
  return {
    name: input.name,
    timezone: input.timezone,
    message: input.message,
    workWeek: storedWeek(input.workWeek),
    enabled: input.enabled ?? true,
    isDefault: input.isDefault ?? false,
    closeConversations: input.closeConversations ?? false,
    sendAwayMessageEveryOOWHPeriod: input.sendAwayMessageEveryOOWHPeriod ?? false,
  };
}

/** PUT: the whole resource; optional fields left out go back to their defaults, holidays to none. */
export async function updateWorkingHours(db: Db, actor: Actor, input: UpdateWorkingHoursInput): Promise<WorkingHoursRow> {
  return handOutAfter(db, input.id, write(db, input.name, async (tx) => {
    const before = await lockExisting(tx, input.id);
    if (input.isDefault) await takeDefault(tx, input.id);
    await tx.workingHours.update({
      where: { id: input.id },
      data: wholeFields(input),
    });
    await replaceHolidays(tx, input.id, input.holidays ?? []);
    const row = await tx.workingHours.findUniqueOrThrow({ where: { id: input.id }, include: withHolidays });
    await auditHours(tx, actor, 'update', before, row);
    return row;
  }));
}

/**
 * Hours changed (perhaps open now, or disabled): what waits in their queues is handed out at once,
 * after the commit, rather than at the next tick of the opening check (hours-opening.ts).
 */
async function handOutAfter(db: Db, id: string, written: Promise<WorkingHoursRow>): Promise<WorkingHoursRow> {
  const row = await written;
  const queues = await db.queue.findMany({ where: { workingHoursId: id }, select: { id: true } });
  if (queues.length) await drainAfterChange(db, { queueIds: queues.map((q) => q.id) });
  return row;
}

/**
 * PATCH: only the fields given change (null is the same as leaving a field out). The days of
 * `workWeek` given replace those days; `holidays` given replace the whole list.
 */
export async function patchWorkingHours(db: Db, actor: Actor, input: PatchWorkingHoursInput): Promise<WorkingHoursRow> {
  return handOutAfter(db, input.id, write(db, input.name, async (tx) => {
    const before = await lockExisting(tx, input.id);
    if (input.isDefault) await takeDefault(tx, input.id);
    let workWeek: Prisma.InputJsonObject | undefined;
    if (input.workWeek && Object.keys(input.workWeek).length) {
      const current = await tx.workingHours.findUniqueOrThrow({ where: { id: input.id }, select: { workWeek: true } });
      workWeek = storedWeek({ ...(current.workWeek as WorkWeek), ...input.workWeek } as WorkWeek);
    }
    const data: Prisma.WorkingHoursUpdateInput = {
      name: input.name,
      timezone: input.timezone,
      message: input.message,
      workWeek,
      enabled: input.enabled ?? undefined,
      isDefault: input.isDefault ?? undefined,
      closeConversations: input.closeConversations ?? undefined,
      sendAwayMessageEveryOOWHPeriod: input.sendAwayMessageEveryOOWHPeriod ?? undefined,
      // A PATCH that changes only holidays still marks the working hours as changed.
      updatedAt: new Date(),
    };
    await tx.workingHours.update({ where: { id: input.id }, data });
    if (input.holidays) await replaceHolidays(tx, input.id, input.holidays);
    const row = await tx.workingHours.findUniqueOrThrow({ where: { id: input.id }, include: withHolidays });
    await auditHours(tx, actor, 'update', before, row);
    return row;
  }));
}

/** Refused (400, naming them) while queues follow these working hours; their holidays go with them. */
export async function deleteWorkingHours(db: Db, actor: Actor, { id }: WorkingHoursRef): Promise<void> {
  await unitOfWork(db, async (tx) => {
    // The row lock makes a queue that is being pointed here wait (its foreign key check), then see it gone.
    const before = await lockExisting(tx, id);
    const queues = await tx.queue.findMany({ where: { workingHoursId: id }, select: { name: true }, orderBy: { name: 'asc' } });
    if (queues.length) {
      throw new DomainError('BAD_REQUEST', `Queues follow these working hours: ${queues.map((q) => q.name).join(', ')}. Give them other working hours first.`, {
        id: [`In use by ${queues.length === 1 ? 'queue' : 'queues'} ${queues.map((q) => q.name).join(', ')}.`],
      });
    }
    await tx.workingHours.delete({ where: { id } });
    await auditHours(tx, actor, 'delete', before, null);
    emit(tx, { type: 'queues' });
  });
}

export async function getWorkingHours(db: Tx, _actor: Actor, { id }: WorkingHoursRef): Promise<WorkingHoursRow> {
  const row = await db.workingHours.findUnique({ where: { id }, include: withHolidays });
  if (!row) throw notFound(id);
  return row;
}

/** One page with the reference's filters; a fixed number of queries (page, its holidays, the count). */
export async function listWorkingHours(db: Tx, _actor: Actor, q: WorkingHoursListQuery) {
  const range = (after?: Date, before?: Date) => (after || before ? { ...(after && { gte: after }), ...(before && { lt: before }) } : undefined);
  const where: Prisma.WorkingHoursWhereInput = {
    ...(q.name && { name: { contains: q.name, mode: 'insensitive' as const } }),
    ...(q.enabled !== undefined && { enabled: q.enabled }),
    ...(q.isDefault !== undefined && { isDefault: q.isDefault }),
    ...(range(q.createdAfter, q.createdBefore) && { createdAt: range(q.createdAfter, q.createdBefore) }),
    ...(range(q.updatedAfter, q.updatedBefore) && { updatedAt: range(q.updatedAfter, q.updatedBefore) }),
  };
  const [field, dir] = q.orderBy.split(':') as [(typeof WORKING_HOURS_ORDER_FIELDS)[number], 'asc' | 'desc'];
  const [workingHours, totalItems] = await Promise.all([
    db.workingHours.findMany({ where, orderBy: [{ [field]: dir }, { id: 'asc' }], skip: q.page * q.limit, take: q.limit, include: withHolidays }),
    db.workingHours.count({ where }),
  ]);
  return { workingHours, totalItems, page: q.page, limit: q.limit, orderBy: q.orderBy };
}

/** Names and ids for pickers (the queue card's select), by name. */
export function listWorkingHoursChoices(db: Tx): Promise<{ id: string; name: string; timezone: string; enabled: boolean }[]> {
  return db.workingHours.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true, timezone: true, enabled: true } });
}
