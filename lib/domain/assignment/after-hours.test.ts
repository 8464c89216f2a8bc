import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { makeConversation, makeInbox, makeQueue, makeUser, uid, type UserActor } from '../../test/fixtures';
import { WEEK_DAYS } from '../../validation/working-hours';
import { unitOfWork } from '../../db/unit-of-work';
import { MemoryBus, setBus, type EventBus } from '../../realtime/bus';
import type { BusEvent, ConversationEvent } from '../../realtime/events';
import { addMessage } from '../conversations/messages';
import { routeConversation } from '../routing/route-conversation';
import { CLOSED_REASON, outOfHoursNotice } from './after-hours';

type Day = { startTime: number; endTime: number; enabled: boolean };
const off: Day = { startTime: 540, endTime: 1020, enabled: false };
const nineToFive: Day = { startTime: 540, endTime: 1020, enabled: true };
const allDay: Day = { startTime: 0, endTime: 1440, enabled: true };
const week = (f: (d: (typeof WEEK_DAYS)[number]) => Day) => Object.fromEntries(WEEK_DAYS.map((d) => [d, f(d)]));
const weekdays = week((d) => (d === 'SATURDAY' || d === 'SUNDAY' ? off : nineToFive));

// Berlin, winter (UTC+1): Saturday 2026-12-05 is closed, Monday 2026-12-07 09:00–17:00 is open.
const SAT_10 = new Date('2026-12-05T09:00:00Z');
const SAT_12 = new Date('2026-12-05T11:00:00Z');
const MON_10 = new Date('2026-12-07T09:00:00Z');
const MON_20 = new Date('2026-12-07T19:00:00Z');
const TUE_20 = new Date('2026-12-08T19:00:00Z');

describeEachEngine('out of office for existing conversations', (ctx) => {
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

  type HoursData = { workWeek?: object; message?: string; enabled?: boolean; closeConversations?: boolean; sendAwayMessageEveryOOWHPeriod?: boolean; holidays?: { startDate: string; endDate: string }[] };
  /** A queue following fresh working hours, and a conversation waiting in it. */
  async function setup(hours: HoursData = {}, queue: { assignOutsideHours?: boolean } = {}, conversation: { agentId?: string; status?: 'OPEN' | 'WAITING' | 'SOLVED' } = {}) {
    const { holidays = [], workWeek = weekdays, ...rest } = hours;
    const wh = await ctx.prisma.workingHours.create({
      data: {
        name: uid('hours'), timezone: 'Europe/Berlin', message: 'We are closed; back Monday at nine.', workWeek, ...rest,
        holidays: { create: holidays.map((h) => ({ name: uid('holiday'), startDate: new Date(`${h.startDate}T00:00:00Z`), endDate: new Date(`${h.endDate}T00:00:00Z`) })) },
      },
    });
    const q = await makeQueue(ctx.prisma);
    await ctx.prisma.queue.update({ where: { id: q.id }, data: { workingHoursId: wh.id, ...queue } });
    const inbox = await makeInbox(ctx.prisma, { collaborators: [agent.id] });
    const c = await makeConversation(ctx.prisma, { queueId: q.id, inboxId: inbox.id, channel: 'LIVE_CHAT', ...conversation });
    return { hours: wh, queue: q, conversation: c };
  }
  const notice = (id: string, now: Date) => unitOfWork(ctx.prisma, (tx) => outOfHoursNotice(tx, id, now));
  const outbound = (conversationId: string) => ctx.prisma.message.findMany({ where: { conversationId, direction: 'OUTBOUND' }, orderBy: { createdAt: 'asc' } });
  const row = (id: string) => ctx.prisma.conversation.findUniqueOrThrow({ where: { id } });

  it('closed hours: the away message goes out once, as a SYSTEM outbound message, and awayNoticeAt is set', async () => {
    const { conversation: c } = await setup();
    expect(await notice(c.id, SAT_10)).toMatchObject({ closed: false, messageId: expect.any(String) });
    const [m, ...more] = await outbound(c.id);
    expect(more).toEqual([]);
    expect(m).toMatchObject({ authorType: 'SYSTEM', authorId: null, authorApiKeyId: null, channel: 'LIVE_CHAT', text: 'We are closed; back Monday at nine.', createdAt: SAT_10 });
    expect((await row(c.id)).awayNoticeAt).toEqual(SAT_10);
    // Later the same night, and even after the hours have opened and closed again: once per conversation.
    expect(await notice(c.id, SAT_12)).toEqual({ messageId: null, closed: false });
    expect(await notice(c.id, TUE_20)).toEqual({ messageId: null, closed: false });
    expect(await outbound(c.id)).toHaveLength(1);
    const events = got.filter((e): e is ConversationEvent => e.type === 'conversation' && e.id === c.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ changes: ['message'], actor: { kind: 'system', id: null } });
  });

  it('with sendAwayMessageEveryOOWHPeriod: once per closed period, again only after the hours have been open', async () => {
    const { conversation: c } = await setup({ sendAwayMessageEveryOOWHPeriod: true });
    await notice(c.id, SAT_10);
    await notice(c.id, SAT_12);
    expect(await outbound(c.id)).toHaveLength(1);
    await notice(c.id, MON_20); // open Monday 09:00–17:00 in between: a new closed period
    await notice(c.id, new Date(MON_20.getTime() + 3600_000)); // same period still
    expect((await outbound(c.id)).map((m) => m.createdAt)).toEqual([SAT_10, MON_20]);
    expect((await row(c.id)).awayNoticeAt).toEqual(MON_20);
  });

  it('a holiday keeps the period closed: no second message until the hours have really been open', async () => {
    const { conversation: c } = await setup({ sendAwayMessageEveryOOWHPeriod: true, holidays: [{ startDate: '2026-12-07', endDate: '2026-12-07' }] });
    await notice(c.id, SAT_10);
    await notice(c.id, MON_10); // Monday is a holiday: closed, same period
    await notice(c.id, MON_20);
    expect(await outbound(c.id)).toHaveLength(1);
    await notice(c.id, TUE_20); // open Tuesday 09:00–17:00
    expect(await outbound(c.id)).toHaveLength(2);
  });

  it('nothing while open, when the queue assigns outside hours, for disabled hours, without a queue, or for an empty message', async () => {
    const open = await setup();
    expect(await notice(open.conversation.id, MON_10)).toEqual({ messageId: null, closed: false });
    const outside = await setup({ closeConversations: true }, { assignOutsideHours: true });
    expect(await notice(outside.conversation.id, SAT_10)).toEqual({ messageId: null, closed: false });
    const disabled = await setup({ enabled: false, closeConversations: true });
    expect(await notice(disabled.conversation.id, SAT_10)).toEqual({ messageId: null, closed: false });
    const none = await makeConversation(ctx.prisma, {});
    expect(await notice(none.id, SAT_10)).toEqual({ messageId: null, closed: false });
    const silent = await setup({ message: '  ' });
    expect(await notice(silent.conversation.id, SAT_10)).toEqual({ messageId: null, closed: false });
    for (const c of [open, outside, disabled, silent].map((s) => s.conversation)) {
      expect(await outbound(c.id)).toEqual([]);
      expect(await row(c.id)).toMatchObject({ status: 'OPEN', awayNoticeAt: null });
    }
    expect(got.filter((e) => e.type === 'conversation')).toEqual([]);
  });

  it('closeConversations: a waiting conversation gets the message and is closed, with a system timeline entry', async () => {
    const { conversation: c } = await setup({ closeConversations: true }, {}, { status: 'WAITING' });
    expect(await notice(c.id, SAT_10)).toMatchObject({ closed: true, messageId: expect.any(String) });
    expect(await row(c.id)).toMatchObject({ status: 'CLOSED', closedAt: SAT_10, awayNoticeAt: SAT_10 });
    const timeline = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: c.id } });
    expect(timeline).toMatchObject([{ kind: 'STATUS_CHANGED', actorKind: 'SYSTEM', actorName: 'System', reason: CLOSED_REASON, before: { status: 'WAITING' }, after: { status: 'CLOSED' } }]);
    expect(got.find((e) => e.type === 'conversation' && e.id === c.id)).toMatchObject({ status: 'CLOSED', changes: expect.arrayContaining(['message', 'status']) });
    // Closed is the end of it.
    expect(await notice(c.id, TUE_20)).toEqual({ messageId: null, closed: false });
  });

  it('closeConversations leaves a conversation an agent has in hand open (the message still goes out)', async () => {
    const { conversation: c } = await setup({ closeConversations: true }, {}, { agentId: agent.id });
    expect(await notice(c.id, SAT_10)).toMatchObject({ closed: false, messageId: expect.any(String) });
    expect(await row(c.id)).toMatchObject({ status: 'OPEN', agentId: agent.id });
  });

  it('a customer message (INBOUND) outside hours brings the away message, listed after it; an agent reply does not', async () => {
    const { conversation: c } = await setup({ workWeek: week(() => off) });
    await addMessage(ctx.prisma, sup, { conversationId: c.id, direction: 'OUTBOUND', contentType: 'TEXT', content: { text: 'Agent note' } });
    expect(await outbound(c.id)).toHaveLength(1);
    await addMessage(ctx.prisma, sup, { conversationId: c.id, direction: 'INBOUND', contentType: 'TEXT', content: { text: 'Anyone there?' } });
    await addMessage(ctx.prisma, sup, { conversationId: c.id, direction: 'INBOUND', contentType: 'TEXT', content: { text: 'Hello?' } });
    const all = await ctx.prisma.message.findMany({ where: { conversationId: c.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(all.map((m) => [m.direction, m.authorType, m.text])).toEqual([
      ['OUTBOUND', 'AGENT', 'Agent note'],
      ['INBOUND', 'CUSTOMER', 'Anyone there?'],
      ['OUTBOUND', 'SYSTEM', 'We are closed; back Monday at nine.'],
      ['INBOUND', 'CUSTOMER', 'Hello?'],
    ]);
  });

  it('a customer message with closeConversations closes the waiting conversation; inside hours nothing happens', async () => {
    const closing = await setup({ workWeek: week(() => off), closeConversations: true });
    await addMessage(ctx.prisma, sup, { conversationId: closing.conversation.id, direction: 'INBOUND', contentType: 'TEXT', content: { text: 'Hi' } });
    expect(await row(closing.conversation.id)).toMatchObject({ status: 'CLOSED' });
    const open = await setup({ workWeek: week(() => allDay), closeConversations: true });
    await addMessage(ctx.prisma, sup, { conversationId: open.conversation.id, direction: 'INBOUND', contentType: 'TEXT', content: { text: 'Hi' } });
    expect(await row(open.conversation.id)).toMatchObject({ status: 'OPEN', awayNoticeAt: null });
    expect(await outbound(open.conversation.id)).toEqual([]);
  });

  it('routing a conversation into a queue whose hours are closed sends the away message', async () => {
    const { queue, conversation: c } = await setup({ workWeek: week(() => off) });
    // The default queue takes what no route matches; this file's database has no other.
    await ctx.prisma.queue.update({ where: { id: queue.id }, data: { isDefault: true } });
    try {
      const routed = await makeConversation(ctx.prisma, { inboxId: c.inboxId, channel: 'LIVE_CHAT' });
      await routeConversation(ctx.prisma, sup, { conversationId: routed.id });
      expect(await row(routed.id)).toMatchObject({ queueId: queue.id, awayNoticeAt: expect.any(Date) });
      expect(await outbound(routed.id)).toMatchObject([{ authorType: 'SYSTEM', text: 'We are closed; back Monday at nine.' }]);
    } finally {
      await ctx.prisma.queue.update({ where: { id: queue.id }, data: { isDefault: false } });
    }
  });
});
