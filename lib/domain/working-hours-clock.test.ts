import { describe, expect, it } from 'vitest';
import { WEEK_DAYS, type WeekDay } from '../validation/working-hours';
import { isOpenAt, nextOpening, type ClockHours } from './working-hours-clock';

type Day = { startTime: number; endTime: number; enabled: boolean };
const closed: Day = { startTime: 0, endTime: 0, enabled: false };

function hours(timezone: string, days: Partial<Record<WeekDay, Day>>, holidays: ClockHours['holidays'] = [], enabled = true): ClockHours {
  return { enabled, timezone, workWeek: Object.fromEntries(WEEK_DAYS.map((d) => [d, days[d] ?? closed])), holidays };
}
const nineToFive: Day = { startTime: 540, endTime: 1020, enabled: true };
const weekdays = (day: Day) => ({ MONDAY: day, TUESDAY: day, WEDNESDAY: day, THURSDAY: day, FRIDAY: day });
const at = (iso: string) => new Date(iso);

describe('isOpenAt', () => {
  const berlin = hours('Europe/Berlin', weekdays(nineToFive));

  it('no hours and disabled hours are always open', () => {
    expect(isOpenAt(null, at('2026-12-06T03:00:00Z'))).toBe(true);
    expect(isOpenAt(hours('Europe/Berlin', {}, [], false), at('2026-12-06T03:00:00Z'))).toBe(true);
  });

  it('opens at startTime and closes at endTime, local time, to the minute (seconds do not count)', () => {
    // Thursday 2026-12-03; Berlin is UTC+1 in winter.
    expect(isOpenAt(berlin, at('2026-12-03T07:59:59.999Z'))).toBe(false);
    expect(isOpenAt(berlin, at('2026-12-03T08:00:00Z'))).toBe(true);
    expect(isOpenAt(berlin, at('2026-12-03T15:59:59.999Z'))).toBe(true);
    expect(isOpenAt(berlin, at('2026-12-03T16:00:00Z'))).toBe(false);
    // Summer: UTC+2.
    expect(isOpenAt(berlin, at('2026-07-02T07:00:00Z'))).toBe(true);
    expect(isOpenAt(berlin, at('2026-07-02T06:59:00Z'))).toBe(false);
  });

  it('weekdays are local: Saturday in Berlin is closed even where UTC still says Friday', () => {
    const kiritimati = hours('Pacific/Kiritimati', { FRIDAY: { startTime: 0, endTime: 1440, enabled: true } });
    // 2026-12-04T11:00Z is Friday in UTC, Saturday 01:00 at UTC+14.
    expect(isOpenAt(kiritimati, at('2026-12-04T11:00:00Z'))).toBe(false);
    expect(isOpenAt(kiritimati, at('2026-12-04T09:59:00Z'))).toBe(true);
  });

  it('endTime 1440 keeps the day open through 23:59', () => {
    const late = hours('Etc/UTC', { MONDAY: { startTime: 1380, endTime: 1440, enabled: true } });
    expect(isOpenAt(late, at('2026-11-30T23:59:59Z'))).toBe(true);
    expect(isOpenAt(late, at('2026-12-01T00:00:00Z'))).toBe(false);
    expect(isOpenAt(late, at('2026-11-30T22:59:00Z'))).toBe(false);
  });

  it('enabled holidays close whole local days, both ends included; disabled ones do not', () => {
    const tokyo = hours('Asia/Tokyo', { THURSDAY: { startTime: 0, endTime: 1440, enabled: true }, FRIDAY: { startTime: 0, endTime: 1440, enabled: true } }, [
      { startDate: new Date('2026-12-25T00:00:00Z'), endDate: '2026-12-25', enabled: true },
      { startDate: '2026-12-24', endDate: '2026-12-24', enabled: false },
    ]);
    // 2026-12-24T14:59Z is Thursday 23:59 in Tokyo; a minute later it is Friday the 25th.
    expect(isOpenAt(tokyo, at('2026-12-24T14:59:00Z'))).toBe(true);
    expect(isOpenAt(tokyo, at('2026-12-24T15:00:00Z'))).toBe(false);
    expect(isOpenAt(tokyo, at('2026-12-25T14:59:00Z'))).toBe(false);
    expect(isOpenAt({ ...tokyo, holidays: [{ startDate: '2026-12-20', endDate: '2026-12-31', enabled: true }] }, at('2026-12-31T14:59:00Z'))).toBe(false);
  });
});

describe('nextOpening', () => {
  const berlin = hours('Europe/Berlin', weekdays(nineToFive));

  it('is the instant itself when open, else the next start in local time', () => {
    const open = at('2026-12-03T10:00:00.123Z');
    expect(nextOpening(berlin, open)).toEqual(open);
    // Friday 17:00 Berlin → Monday 09:00 Berlin (08:00Z).
    expect(nextOpening(berlin, at('2026-12-04T16:00:00Z'))).toEqual(at('2026-12-07T08:00:00Z'));
    // Seconds into a closed minute: the next whole minute that is open.
    expect(nextOpening(berlin, at('2026-12-03T07:59:30Z'))).toEqual(at('2026-12-03T08:00:00Z'));
  });

  it('skips holidays', () => {
    const h = { ...berlin, holidays: [{ startDate: '2026-12-24', endDate: '2026-12-28', enabled: true }] };
    // Wednesday 23rd after hours → Tuesday 29th 09:00.
    expect(nextOpening(h, at('2026-12-23T17:00:00Z'))).toEqual(at('2026-12-29T08:00:00Z'));
  });

  it('null when never open within the horizon', () => {
    expect(nextOpening(hours('Europe/Berlin', {}), at('2026-12-03T00:00:00Z'))).toBeNull();
    const h = { ...berlin, holidays: [{ startDate: '2026-01-01', endDate: '2028-12-31', enabled: true }] };
    expect(nextOpening(h, at('2026-12-03T00:00:00Z'))).toBeNull();
    // A degenerate stored day (start = end) never opens, and does not hang.
    expect(nextOpening(hours('Etc/UTC', { MONDAY: { startTime: 600, endTime: 600, enabled: true } }), at('2026-12-03T00:00:00Z'))).toBeNull();
  });

  it('a start time skipped by the spring clock change opens at the change', () => {
    // Sunday 2026-03-29 in Berlin: 02:00 CET becomes 03:00 CEST at 01:00Z.
    const h = hours('Europe/Berlin', { SUNDAY: { startTime: 150, endTime: 240, enabled: true } });
    expect(nextOpening(h, at('2026-03-28T23:00:00Z'))).toEqual(at('2026-03-29T01:00:00Z'));
    expect(isOpenAt(h, at('2026-03-29T00:59:00Z'))).toBe(false);
  });

  it('an hour repeated by the autumn clock change opens twice', () => {
    // Sunday 2026-10-25 in Berlin: 03:00 CEST becomes 02:00 CET at 01:00Z.
    const h = hours('Europe/Berlin', { SUNDAY: { startTime: 120, endTime: 150, enabled: true } });
    expect(nextOpening(h, at('2026-10-24T22:00:00Z'))).toEqual(at('2026-10-25T00:00:00Z'));
    expect(isOpenAt(h, at('2026-10-25T00:30:00Z'))).toBe(false);
    expect(nextOpening(h, at('2026-10-25T00:30:00Z'))).toEqual(at('2026-10-25T01:00:00Z'));
  });

  it('agrees with a minute-by-minute scan over generated schedules, zones and DST weeks', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Etc/GMT+12'];
    const starts = ['2026-03-07T00:00:00Z', '2026-03-27T12:00:00Z', '2026-04-03T00:00:00Z', '2026-10-23T00:00:00Z', '2026-10-30T00:00:00Z'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    for (let i = 0; i < 12; i++) {
      const days: Partial<Record<WeekDay, Day>> = {};
      for (const d of WEEK_DAYS) {
        if (rand(3) === 0) continue;
        const start = rand(48) * 30 + rand(2) * 7;
        days[d] = { startTime: start, endTime: Math.min(1440, start + 1 + rand(600)), enabled: true };
      }
      const h = hours(zones[i % zones.length], days, rand(2) ? [{ startDate: '2026-03-29', endDate: '2026-03-30', enabled: true }] : []);
      const from = new Date(new Date(starts[i % starts.length]).getTime() + rand(1440) * 60_000 + rand(60) * 1000);
      let expected: Date | null = null;
      for (let m = 0; m < 9 * 1440 && !expected; m++) {
        const t = m === 0 ? from : new Date(Math.floor(from.getTime() / 60_000) * 60_000 + m * 60_000);
        if (isOpenAt(h, t)) expected = t;
      }
      const got = nextOpening(h, from);
      if (expected) expect(got, `${h.timezone} from ${from.toISOString()}`).toEqual(expected);
      else expect(got === null || got.getTime() - from.getTime() > 9 * 1440 * 60_000 - 60_000).toBe(true);
    }
  });
});
