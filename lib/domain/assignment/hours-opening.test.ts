import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { makeConversation, makeQueue, makeUser, uid } from '../../test/fixtures';
import { WEEK_DAYS } from '../../validation/working-hours';
import type { DrainScope } from './drain';
import { handOutAtOpening, openQueuesWithWaiting } from './hours-opening';

// The drain's own behaviour is tested with the drain; here: which queues the opening-time check
// hands to it, and that it does.
const drained = vi.hoisted(() => ({ calls: [] as DrainScope[], result: 0 as number | Error }));
vi.mock('./drain', () => ({
  drainWaiting: async (_db: unknown, scope: DrainScope) => {
    drained.calls.push(scope);
    if (drained.result instanceof Error) throw drained.result;
    return drained.result;
  },
}));

const nineToFive = Object.fromEntries(WEEK_DAYS.map((d) => [d, { startTime: 540, endTime: 1020, enabled: d !== 'SATURDAY' && d !== 'SUNDAY' }]));
// Berlin, winter (UTC+1): Monday 2026-12-07 10:00 is open, 08:59 closed.
const MON_10 = new Date('2026-12-07T09:00:00Z');
const MON_0859 = new Date('2026-12-07T07:59:00Z');

describeEachEngine('hand out at opening time', (ctx) => {
  let agentId: string;
  beforeAll(async () => {
    agentId = (await makeUser(ctx.prisma, 'AGENT')).id;
  });
  beforeEach(() => {
    drained.calls = [];
    drained.result = 0;
  });

  async function queue(opts: { hours?: 'berlin' | 'disabled' | 'none'; autoAssign?: boolean; waiting?: ('OPEN' | 'WAITING' | 'SOLVED' | 'CLOSED' | 'assigned')[]; holiday?: string } = {}) {
    const { hours = 'berlin', autoAssign = true, waiting = ['OPEN'] } = opts;
    const wh =
      hours === 'none'
        ? null
        : await ctx.prisma.workingHours.create({
            data: {
              name: uid('hours'), timezone: 'Europe/Berlin', message: 'Closed.', workWeek: nineToFive, enabled: hours === 'berlin',
              holidays: { create: opts.holiday ? [{ name: 'Holiday', startDate: new Date(`${opts.holiday}T00:00:00Z`), endDate: new Date(`${opts.holiday}T00:00:00Z`) }] : [] },
            },
          });
    const q = await makeQueue(ctx.prisma);
    await ctx.prisma.queue.update({ where: { id: q.id }, data: { workingHoursId: wh?.id ?? null, autoAssign } });
    for (const w of waiting) {
      await makeConversation(ctx.prisma, { queueId: q.id, ...(w === 'assigned' ? { agentId } : { status: w }) });
    }
    return q.id;
  }

  it('finds queues open now with conversations waiting; not closed ones, nor ones with nothing waiting', async () => {
    const open = await queue({ waiting: ['OPEN', 'assigned'] });
    const openWaiting = await queue({ waiting: ['WAITING'] });
    const disabled = await queue({ hours: 'disabled' });
    const holiday = await queue({ holiday: '2026-12-07' });
    const nothingWaiting = await queue({ waiting: ['assigned', 'SOLVED', 'CLOSED'] });
    const empty = await queue({ waiting: [] });
    const manual = await queue({ autoAssign: false });
    const noHours = await queue({ hours: 'none' });

    const now = await openQueuesWithWaiting(ctx.prisma, MON_10);
    expect(now).toEqual(expect.arrayContaining([open, openWaiting, disabled]));
    for (const id of [holiday, nothingWaiting, empty, manual, noHours]) expect(now).not.toContain(id);

    const before = await openQueuesWithWaiting(ctx.prisma, MON_0859);
    expect(before).not.toContain(open);
    expect(before).not.toContain(openWaiting);
    expect(before).toContain(disabled);
  });

  it('a tick drains exactly the queues found, and a failing drain is logged, not thrown', async () => {
    const open = await queue();
    const closedNow = await queue({ holiday: '2026-12-07' });
    drained.result = 3;
    const tick = await handOutAtOpening(ctx.prisma, MON_10);
    expect(tick.queueIds).toContain(open);
    expect(tick.queueIds).not.toContain(closedNow);
    expect(tick.assigned).toBe(3);
    expect(drained.calls).toEqual([{ queueIds: tick.queueIds }]);

    drained.result = new Error('drain broke');
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await handOutAtOpening(ctx.prisma, MON_10)).toMatchObject({ assigned: 0 });
      expect(log).toHaveBeenCalledWith('backlog drain at opening time failed', drained.result);
    } finally {
      log.mockRestore();
    }
  });

  it('nothing to hand out: the drain is not called', async () => {
    // Other tests' waiting conversations (disabled hours are always open) are closed first.
    await ctx.prisma.conversation.updateMany({ where: { agentId: null }, data: { status: 'CLOSED' } });
    await queue(); // Saturday: closed
    await queue({ waiting: ['assigned'] });
    expect(await handOutAtOpening(ctx.prisma, new Date('2026-12-05T12:00:00Z'))).toEqual({ queueIds: [], assigned: 0 });
    expect(await handOutAtOpening(ctx.prisma, MON_10)).toMatchObject({ queueIds: [expect.any(String)] });
    expect(drained.calls).toHaveLength(1);
  });

  it.runIf(ctx.engine === 'postgres')('while another instance is looking (holding the lock), a tick finds nothing', async () => {
    const open = await queue();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const other = ctx.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(7353002)::text AS locked`;
      locked();
      await held;
    });
    try {
      await isLocked;
      expect(await openQueuesWithWaiting(ctx.prisma, MON_10)).toEqual([]);
    } finally {
      release();
      await other;
    }
    expect(await openQueuesWithWaiting(ctx.prisma, MON_10)).toContain(open);
  });
});
