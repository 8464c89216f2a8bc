import { expect, it } from 'vitest';
import { WEEK_DAYS } from '../validation/working-hours';
import { hoursStatus } from './working-hours-status';

const weekdays = Object.fromEntries(WEEK_DAYS.map((d) => [d, { startTime: 540, endTime: 1020, enabled: d !== 'SATURDAY' && d !== 'SUNDAY' }]));
const berlin = { enabled: true, timezone: 'Europe/Berlin', workWeek: weekdays, holidays: [] };
const SAT_NOON = new Date('2026-12-05T11:00:00Z');

it('says open now, or closed and when they open next, in their own time zone', () => {
  expect(hoursStatus(berlin, new Date('2026-12-07T09:00:00Z'))).toEqual({ open: true, label: 'Open now' });
  expect(hoursStatus(berlin, SAT_NOON)).toEqual({ open: false, label: 'Closed — opens Mon 09:00 Europe/Berlin' });
  expect(hoursStatus({ ...berlin, timezone: 'America/New_York' }, SAT_NOON)).toEqual({ open: false, label: 'Closed — opens Mon 09:00 America/New_York' });
});

it('names the date when the opening is more than a few days away, and says so when there is none', () => {
  const holidays = [{ startDate: '2026-12-07', endDate: '2026-12-18', enabled: true }];
  expect(hoursStatus({ ...berlin, holidays }, SAT_NOON).label).toBe('Closed — opens Mon 21 Dec 09:00 Europe/Berlin');
  expect(hoursStatus({ ...berlin, workWeek: {} }, SAT_NOON)).toEqual({ open: false, label: 'Closed — does not open in the next 400 days' });
});

it('disabled hours are always open', () => {
  expect(hoursStatus({ ...berlin, enabled: false }, SAT_NOON)).toMatchObject({ open: true });
});
