import { isOpenAt, nextOpening, NEXT_OPENING_HORIZON_DAYS, type ClockHours } from './working-hours-clock';

// What the working hours page says about "now": open, or closed and when they next open, in the
// hours' own time zone ("Closed — opens Mon 09:00 Europe/Berlin"). Computed on the server, so
// every viewer sees the same answer the assignment statements act on.

export type HoursStatus = { open: boolean; label: string };

const WEEK_MS = 7 * 24 * 3600_000;

export function hoursStatus(hours: ClockHours, now: Date): HoursStatus {
  if (!hours.enabled) return { open: true, label: 'Open now (disabled: queues following them are always open)' };
  if (isOpenAt(hours, now)) return { open: true, label: 'Open now' };
  const next = nextOpening(hours, now);
  if (!next) return { open: false, label: `Closed — does not open in the next ${NEXT_OPENING_HORIZON_DAYS} days` };
  // Within a week the weekday says which day; further out, the date does.
  const soon = next.getTime() - now.getTime() < WEEK_MS - 24 * 3600_000;
  const when = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timezone,
    weekday: 'short',
    ...(soon ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(next)
    .replace(',', '');
  return { open: false, label: `Closed — opens ${when} ${hours.timezone}` };
}
