import { WEEK_DAYS, type WeekDay } from '@/lib/validation/working-hours';

/** Working hours as the page hands them to the browser: plain values, dates as yyyy-MM-dd. */
export type WorkingHoursData = {
  id: string;
  name: string;
  timezone: string;
  message: string;
  workWeek: Record<WeekDay, { startTime: number; endTime: number; enabled: boolean }>;
  enabled: boolean;
  isDefault: boolean;
  closeConversations: boolean;
  sendAwayMessageEveryOOWHPeriod: boolean;
  holidays: { id: string; name: string; startDate: string; endDate: string; enabled: boolean }[];
  queues: string[];
  /** Open now, or when they next open ("Closed — opens Mon 09:00 Europe/Berlin"), as the server saw it. */
  status: { open: boolean; label: string };
};

export const DAY_LABEL: Record<WeekDay, string> = {
  MONDAY: 'Monday',
  TUESDAY: 'Tuesday',
  WEDNESDAY: 'Wednesday',
  THURSDAY: 'Thursday',
  FRIDAY: 'Friday',
  SATURDAY: 'Saturday',
  SUNDAY: 'Sunday',
};

export { WEEK_DAYS };

/** Minutes after midnight as HH:MM (1440 is 24:00, the end of the day). */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** HH:MM (or H:MM) as minutes after midnight; NaN when it is not a time of day (24:00 is allowed). */
export function minutesOf(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return NaN;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return NaN;
  return h * 60 + min;
}
