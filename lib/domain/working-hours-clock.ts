import { WEEK_DAYS, type WeekDay } from '../validation/working-hours';

// The TypeScript twin of the SQL function switchboard_hours_open_manual (migration
// 20261203105542_assignment_policies): the same rule, for code that already holds the hours (the
// console's "open now", the out-of-office notice's "has it opened since"). A test holds the two
// to the same answers on both engines. The rule: no hours, or disabled ones, are always open;
// otherwise open on an enabled day from startTime up to, not including, endTime (minutes after
// local midnight, 1440 = the end of the day), except on an enabled holiday (local dates, both
// ends included). Seconds do not count: 09:00:59 is minute 540, as in SQL's extract(minute).

type Day = { startTime: number; endTime: number; enabled: boolean };

/** Working hours as stored: `workWeek` is the JSON column, holidays' dates are `@db.Date` (UTC midnight) or yyyy-MM-dd. */
export type ClockHours = {
  enabled: boolean;
  timezone: string;
  workWeek: unknown;
  holidays: { startDate: Date | string; endDate: Date | string; enabled: boolean }[];
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far nextOpening looks ahead before it answers "never". */
export const NEXT_OPENING_HORIZON_DAYS = 400;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    // en-CA with numeric parts; h23 so midnight is 00, never 24. Creating one is costly, so they are kept.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  return f;
}

type Local = { date: string; minute: number; weekDay: WeekDay; /** local wall time as if it were UTC, in ms (seconds dropped) */ wall: number };

function localAt(timeZone: string, at: Date): Local {
  const p: Record<string, string> = {};
  for (const part of formatFor(timeZone).formatToParts(at)) p[part.type] = part.value;
  const [y, m, d, h, min] = [Number(p.year), Number(p.month), Number(p.day), Number(p.hour), Number(p.minute)];
  const wall = Date.UTC(y, m - 1, d, h, min);
  // getUTCDay: 0 = Sunday; WEEK_DAYS starts on Monday.
  const weekDay = WEEK_DAYS[(new Date(wall).getUTCDay() + 6) % 7];
  return { date: `${p.year}-${p.month}-${p.day}`, minute: h * 60 + min, weekDay, wall };
}

/** Local wall time minus UTC, in whole minutes, at an instant. */
function offsetAt(timeZone: string, t: number): number {
  const floored = Math.floor(t / MINUTE) * MINUTE;
  return Math.round((localAt(timeZone, new Date(floored)).wall - floored) / MINUTE);
}

const isoDate = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

function dayOf(hours: ClockHours, weekDay: WeekDay): Day | null {
  const day = (hours.workWeek as Partial<Record<WeekDay, Day>> | null)?.[weekDay];
  return day && day.enabled ? day : null;
}

function isHoliday(hours: ClockHours, date: string): boolean {
  return hours.holidays.some((h) => h.enabled && isoDate(h.startDate) <= date && date <= isoDate(h.endDate));
}

function openAtLocal(hours: ClockHours, local: Local): boolean {
  const day = dayOf(hours, local.weekDay);
  return !!day && local.minute >= day.startTime && local.minute < day.endTime && !isHoliday(hours, local.date);
}

/** Whether the hours are open at an instant (null hours: always open, as for a queue without any). */
export function isOpenAt(hours: ClockHours | null | undefined, at: Date): boolean {
  if (!hours || !hours.enabled) return true;
  return openAtLocal(hours, localAt(hours.timezone, at));
}

/**
 * Under a fixed UTC offset, the first local wall time (ms, as if UTC) at or after `wall` at which a
 * window starts: an enabled day that is no holiday, at its startTime. Looks at most `days` ahead.
 */
function nextStartWall(hours: ClockHours, wall: number, days: number): number | null {
  const midnight = Math.floor(wall / DAY) * DAY;
  for (let i = 0; i <= days; i++) {
    const dayStart = midnight + i * DAY;
    const date = new Date(dayStart).toISOString().slice(0, 10);
    const day = dayOf(hours, WEEK_DAYS[(new Date(dayStart).getUTCDay() + 6) % 7]);
    if (!day || isHoliday(hours, date)) continue;
    const start = dayStart + day.startTime * MINUTE;
    if (start >= wall) return start;
  }
  return null;
}

/**
 * The first instant at or after `from` at which the hours are open (`from` itself when open now);
 * null when they do not open within about 400 days. DST-correct: a start time that a clock change
 * skips opens at the change, and an hour that repeats opens twice.
 *
 * Why it is exact: with whole-minute offsets the state can only change at a UTC minute boundary,
 * and between two offset changes local time runs in step with UTC, so the next window start is a
 * computation; an offset change on the way is found by bisection and looked at on its own.
 */
export function nextOpening(hours: ClockHours | null | undefined, from: Date): Date | null {
  if (isOpenAt(hours, from)) return from;
  const zone = hours!.timezone;
  const limit = from.getTime() + NEXT_OPENING_HORIZON_DAYS * DAY;
  let t = Math.floor(from.getTime() / MINUTE) * MINUTE + MINUTE;
  while (t <= limit) {
    if (isOpenAt(hours, new Date(t))) return new Date(t);
    const offset = offsetAt(zone, t);
    const wall = t + offset * MINUTE;
    // A step of at most a day, so that at most one offset change lies inside it.
    const start = nextStartWall(hours!, wall, 1);
    // At least a minute on: a degenerate day (start = end, stored before validation said no) opens never.
    const next = Math.max(t + MINUTE, Math.min(start === null ? Infinity : start - offset * MINUTE, t + DAY));
    if (offsetAt(zone, next) === offset) {
      t = next;
      continue;
    }
    // The offset changes in (t, next]: find the first minute with the new one and look there.
    let lo = t;
    let hi = next;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offsetAt(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    t = hi;
  }
  return null;
}
