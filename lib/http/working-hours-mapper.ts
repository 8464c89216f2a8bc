import type { WorkingHoursRow } from '../domain/working-hours';
import { WEEK_DAYS, type WorkWeek } from '../validation/working-hours';
import { apiTimestamp } from './format';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** WorkingHoursApiResponse: the week in MONDAY…SUNDAY order, holidays by start date, dates as yyyy-MM-dd. */
export function apiWorkingHours(w: WorkingHoursRow) {
  const week = w.workWeek as WorkWeek;
  return {
    id: w.id,
    name: w.name,
    timezone: w.timezone,
    message: w.message,
    workWeek: Object.fromEntries(WEEK_DAYS.map((d) => [d, { startTime: week[d].startTime, endTime: week[d].endTime, enabled: week[d].enabled }])),
    enabled: w.enabled,
    isDefault: w.isDefault,
    closeConversations: w.closeConversations,
    sendAwayMessageEveryOOWHPeriod: w.sendAwayMessageEveryOOWHPeriod,
    holidays: w.holidays.map((h) => ({ id: h.id, workingHoursId: h.workingHoursId, name: h.name, startDate: day(h.startDate), endDate: day(h.endDate), enabled: h.enabled })),
    createdAt: apiTimestamp(w.createdAt),
    updatedAt: apiTimestamp(w.updatedAt),
  };
}
