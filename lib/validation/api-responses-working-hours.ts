import { z } from 'zod';
import { API_TIMESTAMP, apiPaginationSchema, apiResponseRegistry } from './api-responses';
import { MINUTES_PER_DAY, WEEK_DAYS, WORKING_HOURS_MESSAGE_MAX } from './working-hours';

// What the working-hours operations send (lib/http/working-hours-mapper.ts), as zod: the reference's
// WorkingHoursApiResponse and HolidaysApiModel, plus createdAt/updatedAt (the list filters on them).

const id = z.string().min(1).max(255);
const timestamp = z.string().regex(API_TIMESTAMP).meta({ description: 'UTC, always with milliseconds and a +0000 offset.', examples: ['2025-04-24T11:25:41.058+0000'] });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'A calendar date, yyyy-MM-dd.', examples: ['2021-01-01'] });
const minutes = z.number().int().min(0).max(MINUTES_PER_DAY);

const day = z
  .strictObject({
    startTime: minutes.meta({ description: 'Minutes after midnight (0–1440).' }),
    endTime: minutes.meta({ description: 'Minutes after midnight (0–1440); after startTime when the day is enabled.' }),
    enabled: z.boolean(),
  })
  .meta({ description: 'One day of the week.' });

export const apiWorkWeekSchema = z
  .strictObject(Object.fromEntries(WEEK_DAYS.map((d) => [d, day])) as Record<(typeof WEEK_DAYS)[number], typeof day>)
  .meta({ description: 'All seven days, MONDAY…SUNDAY, each with startTime, endTime and enabled.' })
  .register(apiResponseRegistry, { id: 'DailyWorkingHoursApiModel' });

export const apiHolidaySchema = z
  .strictObject({ id, workingHoursId: id, name: z.string().min(1).max(255), startDate: date, endDate: date, enabled: z.boolean() })
  .meta({ description: 'A holiday: from startDate to endDate, both included.' })
  .register(apiResponseRegistry, { id: 'HolidaysApiModel' });

export const apiWorkingHoursSchema = z
  .strictObject({
    id,
    name: z.string().min(1).max(255),
    timezone: z.string().min(1).max(100).meta({ description: 'IANA time zone name, e.g. Europe/Berlin or Etc/UTC.' }),
    message: z.string().max(WORKING_HOURS_MESSAGE_MAX).meta({ description: 'The away message sent outside working hours (what it does belongs to the assignment policies).' }),
    workWeek: apiWorkWeekSchema,
    enabled: z.boolean(),
    isDefault: z.boolean().meta({ description: 'At most one working hours are the default; setting it takes the mark off the previous default.' }),
    closeConversations: z.boolean(),
    sendAwayMessageEveryOOWHPeriod: z.boolean(),
    holidays: z.array(apiHolidaySchema).meta({ description: 'By start date.' }),
    createdAt: timestamp.meta({ description: 'Extension: when the working hours were created.' }),
    updatedAt: timestamp.meta({ description: 'Extension: when they last changed.' }),
  })
  .meta({ description: 'Working hours: a week of opening hours in a time zone, with holidays. Queues follow them.' })
  .register(apiResponseRegistry, { id: 'WorkingHoursApiResponse' });

export const apiWorkingHoursPageSchema = z
  .strictObject({ workingHours: z.array(apiWorkingHoursSchema), pagination: apiPaginationSchema })
  .meta({ description: 'One page of working hours.' })
  .register(apiResponseRegistry, { id: 'WorkingHoursResultPageApiResponse' });
