import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { counts, expectDomainError, makeConversation, makeInbox, makeUser, patient, type UserActor } from '../../test/fixtures';
import { MemoryBus, setBus, type EventBus } from '../../realtime/bus';
import type { BusEvent, ConversationEvent } from '../../realtime/events';
import { invoke } from '../../operations/operation';
import { listConversationsOp, patchConversationOp, getConversationOp } from '../../operations/conversations';
import { snoozeConversationOp } from '../../operations/snooze-bulk';
import { apiConversation } from '../../http/mappers';
import { addMessage } from './messages';
import { snoozeConversation, unsnoozeConversation } from './snooze';
import { wakeDueSnoozes } from './snooze-sweep';

// Snooze (issue 15): WAITING with a snoozedUntil, back to OPEN at that time (the sweep), when the
// customer writes, or by hand; any status change ends it; the API shows it.
describeEachEngine('snooze', (ctx) => {
  let sup: UserActor;
  let agent: UserActor;
  let mem: MemoryBus;
  let previous: EventBus | undefined;
  let got: BusEvent[];

  beforeAll(async () => {
    [sup, agent] = await Promise.all([makeUser(ctx.prisma, 'SUPERVISOR'), makeUser(ctx.prisma, 'AGENT')]);
  });
  beforeEach(() => {
    mem = new MemoryBus();
    previous = setBus(mem);
    got = [];
    mem.subscribe((e) => got.push(e));
  });
  afterEach(async () => {
    setBus(previous);
    await mem.close();
  });

  // Each test sweeps at its own moment in the past, earlier than every test's before it, so it
  // wakes only the snoozes it made.
  let year = 2020;
  const moment = () => new Date(`${year--}-06-01T08:00:00.000Z`);
  const hours = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);
  const row = (id: string) => ctx.prisma.conversation.findUniqueOrThrow({ where: { id } });
  const kinds = async (id: string) => (await ctx.prisma.timelineEvent.findMany({ where: { conversationId: id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map((e) => e.kind);
  const heard = (id: string) => got.filter((e): e is ConversationEvent => e.type === 'conversation' && e.id === id);
  const snoozedAt = async (now: Date, untilHours = 1) => {
    const c = await makeConversation(ctx.prisma, { status: 'OPEN' });
    await snoozeConversation(ctx.prisma, sup, { conversationId: c.id, until: hours(now, untilHours) }, now);
    return c.id;
  };

  it('snoozing makes it WAITING with snoozedUntil, writes SNOOZED and tells the live channel', async () => {
    const now = moment();
    const id = await snoozedAt(now, 3);
    expect(await row(id)).toMatchObject({ status: 'WAITING', snoozedUntil: hours(now, 3) });
    expect(await kinds(id)).toEqual(['SNOOZED']);
    const [event] = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: id } });
    expect(event).toMatchObject({ before: { status: 'OPEN', snoozedUntil: null }, after: { status: 'WAITING', snoozedUntil: hours(now, 3).toISOString() }, actorUserId: sup.id });
    expect(heard(id)).toEqual([expect.objectContaining({ status: 'WAITING', changes: ['status'] })]);
  });

  it('the sweep wakes it at its time, not before: OPEN, snoozedUntil cleared, UNSNOOZED by the system, a live event', async () => {
    const now = moment();
    const id = await snoozedAt(now, 1);
    got = [];
    expect(await wakeDueSnoozes(ctx.prisma, hours(now, 0.5))).toEqual([]);
    expect(await row(id)).toMatchObject({ status: 'WAITING' });
    expect(await wakeDueSnoozes(ctx.prisma, hours(now, 1))).toEqual([id]);
    expect(await row(id)).toMatchObject({ status: 'OPEN', snoozedUntil: null });
    const events = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: id, kind: 'UNSNOOZED' } });
    expect(events).toEqual([expect.objectContaining({ actorKind: 'SYSTEM', reason: 'snooze ended', after: { status: 'OPEN' }, before: { status: 'WAITING', snoozedUntil: hours(now, 1).toISOString() } })]);
    expect(heard(id)).toEqual([expect.objectContaining({ status: 'OPEN', changes: ['status'], actor: { kind: 'system', id: null } })]);
    // Nothing left to do on the next tick.
    expect(await wakeDueSnoozes(ctx.prisma, hours(now, 2))).toEqual([]);
  });

  it('two sweeps at the same moment wake each conversation once', async () => {
    const now = moment();
    const ids = await Promise.all(Array.from({ length: 6 }, () => snoozedAt(now, 1)));
    const db = patient(ctx.prisma);
    const [a, b] = await Promise.all([wakeDueSnoozes(db, hours(now, 1)), wakeDueSnoozes(db, hours(now, 1))]);
    expect([...a, ...b].sort()).toEqual([...ids].sort());
    const woken = await ctx.prisma.timelineEvent.count({ where: { conversationId: { in: ids }, kind: 'UNSNOOZED' } });
    expect(woken).toBe(ids.length);
    expect(heard(ids[0]).filter((e) => e.status === 'OPEN')).toHaveLength(1);
  });

  it('an inbound message wakes it at once; an outbound one does not', async () => {
    const id = await snoozedAt(new Date(), 24);
    await addMessage(ctx.prisma, sup, { conversationId: id, direction: 'OUTBOUND', contentType: 'TEXT', content: { text: 'We will check.' } });
    expect(await row(id)).toMatchObject({ status: 'WAITING' });
    await addMessage(ctx.prisma, sup, { conversationId: id, direction: 'INBOUND', contentType: 'TEXT', content: { text: 'Any news?' } });
    expect(await row(id)).toMatchObject({ status: 'OPEN', snoozedUntil: null });
    const [woke] = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: id, kind: 'UNSNOOZED' } });
    expect(woke).toMatchObject({ actorKind: 'SYSTEM', reason: 'the customer wrote' });
  });

  it('unsnooze by hand is OPEN at once; a second unsnooze changes nothing', async () => {
    const id = await snoozedAt(new Date(), 24);
    await unsnoozeConversation(ctx.prisma, sup, { conversationId: id });
    expect(await row(id)).toMatchObject({ status: 'OPEN', snoozedUntil: null });
    const before = await counts(ctx.prisma);
    await unsnoozeConversation(ctx.prisma, sup, { conversationId: id });
    expect(await counts(ctx.prisma)).toEqual(before);
    expect(await kinds(id)).toEqual(['SNOOZED', 'UNSNOOZED']);
  });

  it('a status change over PATCH ends the snooze, and the API shows snoozedUntil while it lasts', async () => {
    const id = await snoozedAt(new Date(), 24);
    const shown = await invoke(getConversationOp, { db: ctx.prisma, actor: sup }, { conversationId: id });
    expect(apiConversation(shown).snoozedUntil).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const patched = await invoke(patchConversationOp, { db: ctx.prisma, actor: sup }, { conversationId: id, status: 'OPEN' });
    expect(patched).toMatchObject({ status: 'OPEN', snoozedUntil: null });
    expect(apiConversation(patched)).not.toHaveProperty('snoozedUntil');
    expect(await row(id)).toMatchObject({ status: 'OPEN', snoozedUntil: null });
    // A PATCH of other fields leaves a snooze as it is.
    const again = await snoozedAt(new Date(), 24);
    await invoke(patchConversationOp, { db: ctx.prisma, actor: sup }, { conversationId: again, priority: 'HIGH' });
    expect((await row(again)).snoozedUntil).not.toBeNull();
  });

  it('the list filter lists only snoozed ones, or leaves them out', async () => {
    const inbox = await makeInbox(ctx.prisma);
    const snoozed = await makeConversation(ctx.prisma, { inboxId: inbox.id, status: 'WAITING', snoozedUntil: hours(new Date(), 5) });
    const waiting = await makeConversation(ctx.prisma, { inboxId: inbox.id, status: 'WAITING' });
    const list = async (s: string) => (await invoke(listConversationsOp, { db: ctx.prisma, actor: sup }, { inboxId: inbox.id, snoozed: s })).items.map((c) => c.id);
    expect(await list('true')).toEqual([snoozed.id]);
    expect(await list('false')).toEqual([waiting.id]);
  });

  it('refuses a time in the past, a solved or closed conversation, and one the agent may not see, changing nothing', async () => {
    const open = await makeConversation(ctx.prisma);
    const solved = await makeConversation(ctx.prisma, { status: 'SOLVED' });
    const closed = await makeConversation(ctx.prisma, { status: 'CLOSED' });
    const later = hours(new Date(), 2).toISOString();
    const before = await counts(ctx.prisma);
    const as = (actor: UserActor, input: Record<string, unknown>) => invoke(snoozeConversationOp, { db: ctx.prisma, actor }, input);
    await expectDomainError(as(sup, { conversationId: open.id, until: '2001-01-01T00:00:00Z' }), 'BAD_REQUEST', ['until']);
    await expectDomainError(as(sup, { conversationId: open.id, until: '2099-01-01T00:00:00Z' }), 'BAD_REQUEST', ['until']);
    await expectDomainError(as(sup, { conversationId: solved.id, until: later }), 'BAD_REQUEST');
    await expectDomainError(as(sup, { conversationId: closed.id, until: later }), 'BAD_REQUEST');
    await expectDomainError(as(agent, { conversationId: open.id, until: later }), 'NOT_FOUND');
    expect(await counts(ctx.prisma)).toEqual(before);
    expect(await row(open.id)).toMatchObject({ status: 'OPEN', snoozedUntil: null });
  });
});
