import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { sqlTimestamp } from '../db/sql';
import { ianaTimeZone, WEEK_DAYS, type WeekDay } from '../validation/working-hours';
import { isOpenAt, type ClockHours } from './working-hours-clock';

// Holds the TypeScript clock and the SQL function switchboard_hours_open_manual to the same
// answers, instant by instant, on both engines: generated schedules in zones with DST (either
// hemisphere, 30-minute DST, negative DST), odd offsets and none; instants at every window edge
// (to the millisecond), at holiday edges (local midnights), around every clock change, and random.

const ZONES = [
  'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/St_Johns',
  'Europe/Dublin', 'America/Santiago', 'Asia/Tehran', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Etc/UTC', 'Asia/Calcutta', 'US/Pacific',
];
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const RANGE = { from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2027-01-01T00:00:00Z') };

let seed = 20261203;
const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);

type Day = { startTime: number; endTime: number; enabled: boolean };
type Stored = Omit<ClockHours, 'holidays'> & { id: string; holidays: { startDate: string; endDate: string; enabled: boolean }[] };

function generated(timezone: string, enabled = true): Stored {
  const workWeek = Object.fromEntries(
    WEEK_DAYS.map((d): [WeekDay, Day] => {
      const kind = rand(6);
      if (kind === 0) return [d, { startTime: 540, endTime: 1020, enabled: false }];
      if (kind === 1) return [d, { startTime: 0, endTime: 1440, enabled: true }];
      // Starts and ends around the small hours too, where clocks change.
      const start = rand(5) === 0 ? rand(240) : rand(1400);
      return [d, { startTime: start, endTime: Math.min(1440, start + 1 + rand(900)), enabled: true }];
    }),
  );
  const holidays = Array.from({ length: rand(4) }, () => {
    const start = RANGE.from + rand(365) * DAY;
    return { startDate: iso(start), endDate: iso(start + rand(3) * DAY), enabled: rand(4) !== 0 };
  });
  return { id: randomUUID(), enabled, timezone, workWeek, holidays };
}
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Local wall clock (as if UTC, ms) minus UTC, in minutes, by Intl: independent of the code under test. */
const formats = new Map<string, Intl.DateTimeFormat>();
function offset(zone: string, t: number): number {
  let f = formats.get(zone);
  if (!f) formats.set(zone, (f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })));
  const p = Object.fromEntries(
    f
      .formatToParts(new Date(t))
      .map((x) => [x.type, Number(x.value)]),
  );
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(t / MINUTE) * MINUTE) / MINUTE);
}

/** The clock changes of a zone within the range, to the minute. */
function transitions(zone: string): number[] {
  const found: number[] = [];
  for (let t = RANGE.from; t < RANGE.to; t += 6 * 60 * MINUTE) {
    const next = t + 6 * 60 * MINUTE;
    if (offset(zone, t) === offset(zone, next)) continue;
    let [lo, hi] = [t, next];
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offset(zone, mid) === offset(zone, t)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}

/** Instants worth asking about for one working hours. */
function instants(h: Stored): number[] {
  const out = new Set<number>();
  const near = (t: number) => [0, 1, -1, 59_999, -MINUTE, MINUTE, 30 * MINUTE, -30 * MINUTE].forEach((d) => out.add(t + d));
  const changes = transitions(h.timezone);
  const days = [RANGE.from + rand(360) * DAY, ...changes.map((c) => c - DAY), ...changes, ...h.holidays.flatMap((x) => [Date.parse(x.startDate), Date.parse(x.endDate)])];
  for (const c of changes) for (let d = -90; d <= 90; d += 15) near(c + d * MINUTE);
  for (const day of days) {
    const midnight = Math.floor(day / DAY) * DAY;
    for (let i = -1; i <= 2; i++) {
      const wall = midnight + i * DAY;
      const weekDay = WEEK_DAYS[(new Date(wall).getUTCDay() + 6) % 7];
      const d = (h.workWeek as Record<WeekDay, Day>)[weekDay];
      // Each edge under the offsets on either side of the day (a clock change may lie between).
      for (const m of [0, d.startTime, d.endTime, 1440]) {
        for (const o of new Set([offset(h.timezone, wall - DAY), offset(h.timezone, wall + 2 * DAY)])) near(wall + m * MINUTE - o * MINUTE);
      }
    }
  }
  for (let i = 0; i < 40; i++) out.add(RANGE.from + rand(365 * 1440) * MINUTE + rand(60_000));
  return [...out].filter((t) => t >= RANGE.from - 3 * DAY && t <= RANGE.to + 3 * DAY).sort((a, b) => a - b);
}

describeEachEngine('working hours clock vs switchboard_hours_open_manual', (ctx) => {
  async function store(h: Stored): Promise<void> {
    await ctx.prisma.workingHours.create({
      data: {
        id: h.id, name: `Clock ${h.id}`, timezone: h.timezone, message: '', enabled: h.enabled, workWeek: h.workWeek as object,
        holidays: { create: h.holidays.map((x, i) => ({ name: `H${i}`, startDate: new Date(`${x.startDate}T00:00:00Z`), endDate: new Date(`${x.endDate}T00:00:00Z`), enabled: x.enabled })) },
      },
    });
  }
  async function sqlAnswers(id: string | null, ts: number[]): Promise<boolean[]> {
    const rows = await ctx.sql.query<{ i: string; open: boolean }>(
      `SELECT x.i, switchboard_hours_open_manual($1, x.t::timestamp) AS open FROM unnest($2::text[]) WITH ORDINALITY AS x(t, i) ORDER BY x.i`,
      [id, ts.map((t) => sqlTimestamp(new Date(t)))],
    );
    return rows.map((r) => r.open);
  }

  it('agrees instant by instant over generated schedules, zones, holidays and clock changes', async () => {
    let compared = 0;
    let open = 0;
    for (const zone of ZONES) {
      for (let k = 0; k < 3; k++) {
        const h = generated(zone);
        await store(h);
        const ts = instants(h);
        const sql = await sqlAnswers(h.id, ts);
        const mismatches = ts.filter((t, i) => sql[i] !== isOpenAt(h, new Date(t))).map((t) => new Date(t).toISOString());
        expect(mismatches, `${zone} ${JSON.stringify(h.workWeek)} ${JSON.stringify(h.holidays)}`).toEqual([]);
        compared += ts.length;
        open += sql.filter(Boolean).length;
      }
    }
    // The generated cases reach both answers plenty of times (a test that only ever says "closed" proves little).
    expect(compared).toBeGreaterThan(10_000);
    expect(open).toBeGreaterThan(compared / 10);
    expect(compared - open).toBeGreaterThan(compared / 10);
  }, 120_000);

  it('no working hours, unknown ones and disabled ones are open in both', async () => {
    const h = generated('Europe/Berlin', false);
    await store(h);
    const ts = [Date.parse('2026-12-05T03:00:00Z'), Date.parse('2026-12-25T12:00:00Z')];
    expect(await sqlAnswers(h.id, ts)).toEqual([true, true]);
    expect(await sqlAnswers(null, ts)).toEqual([true, true]);
    expect(await sqlAnswers('no-such-hours', ts)).toEqual([true, true]);
    expect(ts.map((t) => isOpenAt(h, new Date(t)))).toEqual([true, true]);
    expect(isOpenAt(null, new Date(ts[0]))).toBe(true);
  });

  it('no time zone the validator accepts is one PostgreSQL reads as a fixed-offset abbreviation of another meaning', async () => {
    // AT TIME ZONE looks names up as abbreviations first: 'IST' is +02 (Israel) there, Asia/Calcutta for Intl.
    const abbrevs = await ctx.sql.query<{ abbrev: string; minutes: number }>(`SELECT abbrev, (extract(epoch FROM utc_offset) / 60)::int AS minutes FROM pg_timezone_abbrevs`);
    const known = new Map(abbrevs.map((a) => [a.abbrev.toLowerCase(), a.minutes]));
    const wrong: string[] = [];
    for (const a of abbrevs) {
      const zone = ianaTimeZone(a.abbrev);
      if (!zone || !known.has(zone.toLowerCase())) continue;
      const fixed = known.get(zone.toLowerCase());
      if ([Date.parse('2026-01-15T12:00:00Z'), Date.parse('2026-07-15T12:00:00Z')].some((t) => offset(zone, t) !== fixed)) wrong.push(`${a.abbrev} → ${zone}`);
    }
    expect(wrong).toEqual([]);
    expect(ianaTimeZone('IST')).toBe(new Intl.DateTimeFormat('en-US', { timeZone: 'IST' }).resolvedOptions().timeZone);
    expect(ianaTimeZone('IST')).toContain('/');
  });
});
