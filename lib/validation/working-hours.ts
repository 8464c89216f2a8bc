import { z } from 'zod';
import { dateTimeSchema, idSchema, orderBySchema, paginationSchema } from './common';

// Working hours as the reference's WorkingHoursApiRequest writes them: the console's form, the
// operations and the API parse with these. What working hours do to routing and assignment is
// not decided here (the policies' issue); this is the resource.

export const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];
export const MINUTES_PER_DAY = 1440;
export const WORKING_HOURS_MESSAGE_MAX = 4000;
export const WORKING_HOURS_NAME_MAX = 255;
export const HOLIDAY_NAME_MAX = 255;
export const MAX_HOLIDAYS = 500;

const TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * An IANA time zone name (`Europe/Berlin`, `Etc/UTC`), as the runtime's time zone database knows
 * it, in its canonical spelling when only the letter case differs; null when it is none. Aliases
 * (`Etc/UTC`, `Asia/Calcutta`) are kept as written. Offsets (`+01:00`), which newer runtimes
 * accept as zones, are not IANA names.
 *
 * A name without a slash (`IST`, `CET`, `EST5EDT`) is stored as the zone the runtime reads it as
 * (`Asia/Calcutta`, `Europe/Brussels`, `America/New_York`): PostgreSQL's AT TIME ZONE reads such
 * names as its fixed-offset abbreviations first (IST is Israel's +02 there, CET has no summer
 * time), so the SQL clock (switchboard_hours_open_manual) and the TypeScript one would disagree.
 */
export function ianaTimeZone(name: string): string | null {
  if (name.length > 100 || !TIME_ZONE_SHAPE.test(name)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    if (!name.includes('/')) return resolved;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}

export const timeZoneSchema = z
  .string({ message: 'Expected a time zone name such as Europe/Berlin.' })
  .trim()
  .transform((s, ctx) => {
    const zone = ianaTimeZone(s);
    if (zone) return zone;
    ctx.addIssue({ code: 'custom', message: 'Not an IANA time zone name; use one such as Europe/Berlin or Etc/UTC.' });
    return z.NEVER;
  });

const minutes = z
  .number({ message: 'Expected minutes after midnight, 0–1440.' })
  .int('Expected whole minutes.')
  .min(0, 'At least 0 (midnight).')
  .max(MINUTES_PER_DAY, `At most ${MINUTES_PER_DAY} (the end of the day).`);

/** One day: minutes after midnight; an enabled day starts before it ends. */
export const workDaySchema = z
  .strictObject(
    {
      startTime: minutes,
      endTime: minutes,
      enabled: z.boolean({ message: 'Expected true or false.' }),
    },
    { message: 'Give startTime, endTime and enabled for this day.' },
  )
  .refine((d) => !d.enabled || d.startTime < d.endTime, { message: 'Must be after the start time.', path: ['endTime'] });
export type WorkDay = z.output<typeof workDaySchema>;

const dayShape = Object.fromEntries(WEEK_DAYS.map((d) => [d, workDaySchema])) as Record<WeekDay, typeof workDaySchema>;
/** All seven days, MONDAY…SUNDAY, as the reference requires. */
export const workWeekSchema = z.strictObject(dayShape, { message: 'Expected an object with the seven days MONDAY…SUNDAY.' });
export type WorkWeek = z.output<typeof workWeekSchema>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date, yyyy-MM-dd, that exists (2021-02-30 does not). */
export const calendarDateSchema = z
  .string({ message: 'Expected a date like 2021-12-31.' })
  .regex(DATE, 'Expected a date like 2021-12-31.')
  .refine((s) => {
    // zod runs this check after a failed regex too: leave that case to the regex's message.
    const match = DATE.exec(s);
    if (!match) return true;
    const [, y, m, d] = match.map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'Not a real date.');

/** A holiday; `id` and `workingHoursId` are read-only: accepted when sent back, and ignored. */
export const holidaySchema = z
  .strictObject({
    id: z.string().max(255).nullish(),
    workingHoursId: z.unknown().optional(),
    name: z.string({ message: 'Give the holiday a name.' }).trim().min(1, 'Give the holiday a name.').max(HOLIDAY_NAME_MAX, `At most ${HOLIDAY_NAME_MAX} characters.`),
    startDate: calendarDateSchema,
    endDate: calendarDateSchema,
    enabled: z.boolean({ message: 'Expected true or false.' }).nullish(),
  })
  .refine((h) => h.startDate <= h.endDate, { message: 'Must be on or after the start date.', path: ['endDate'] });
export type HolidayInput = z.output<typeof holidaySchema>;

const flag = z.boolean({ message: 'Expected true or false.' }).nullish();

/** The fields of WorkingHoursApiRequest. `null` for an optional field is the same as leaving it out. */
const fields = {
  name: z.string({ message: 'Give the working hours a name.' }).trim().min(1, 'Give the working hours a name.').max(WORKING_HOURS_NAME_MAX, `At most ${WORKING_HOURS_NAME_MAX} characters.`),
  timezone: timeZoneSchema,
  message: z.string({ message: 'Expected the away message as text.' }).max(WORKING_HOURS_MESSAGE_MAX, `At most ${WORKING_HOURS_MESSAGE_MAX} characters.`),
  workWeek: workWeekSchema,
  enabled: flag,
  isDefault: flag,
  closeConversations: flag,
  sendAwayMessageEveryOOWHPeriod: flag,
  holidays: z.array(holidaySchema).max(MAX_HOLIDAYS, `At most ${MAX_HOLIDAYS} holidays.`).nullish(),
};

// Read-only fields of the response, accepted when a client sends back what it read, and ignored.
const readOnly = { createdAt: z.unknown().optional(), updatedAt: z.unknown().optional() };

/** POST: the whole resource (a read-only `id` sent along is ignored). */
export const createWorkingHoursSchema = z.strictObject({ ...fields, ...readOnly, id: z.unknown().optional() });
export type CreateWorkingHoursInput = z.output<typeof createWorkingHoursSchema>;

export const workingHoursRefSchema = z.object({ id: idSchema });
export type WorkingHoursRef = z.output<typeof workingHoursRefSchema>;

/** PUT: the whole resource again; optional fields left out go back to their defaults, holidays to none. */
export const updateWorkingHoursSchema = z.strictObject({ ...fields, ...readOnly, id: idSchema });
export type UpdateWorkingHoursInput = z.output<typeof updateWorkingHoursSchema>;

/**
 * PATCH: only the fields given change. `workWeek` may name only some days; each day given is
 * whole and replaces that day. `holidays`, when given, replaces the whole list.
 */
export const patchWorkingHoursSchema = z.strictObject({
  ...fields,
  name: fields.name.optional(),
  timezone: timeZoneSchema.optional(),
  message: fields.message.optional(),
  workWeek: workWeekSchema.partial().optional(),
  ...readOnly,
  id: idSchema,
});
export type PatchWorkingHoursInput = z.output<typeof patchWorkingHoursSchema>;

const bool = z.enum(['true', 'false'], { message: 'Expected true or false.' }).transform((v) => v === 'true');

export const WORKING_HOURS_ORDER_FIELDS = ['id', 'name', 'createdAt', 'updatedAt'] as const;

/** GET /working-hours: the reference's filters; ordered by id, as the reference says, unless asked otherwise. */
export const workingHoursListQuerySchema = z.object({
  ...paginationSchema,
  orderBy: orderBySchema(WORKING_HOURS_ORDER_FIELDS, 'id:asc'),
  name: z.string().max(255, 'At most 255 characters.').optional(),
  enabled: bool.optional(),
  isDefault: bool.optional(),
  createdAfter: dateTimeSchema.optional(),
  createdBefore: dateTimeSchema.optional(),
  updatedAfter: dateTimeSchema.optional(),
  updatedBefore: dateTimeSchema.optional(),
});
export type WorkingHoursListQuery = z.output<typeof workingHoursListQuerySchema>;
