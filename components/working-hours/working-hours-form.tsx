'use client';

import { useId, useState, useTransition } from 'react';
import { createWorkingHoursAction, updateWorkingHoursAction } from '@/lib/actions/working-hours';
import { createWorkingHoursSchema, HOLIDAY_NAME_MAX, WORKING_HOURS_MESSAGE_MAX, WORKING_HOURS_NAME_MAX, type WeekDay } from '@/lib/validation/working-hours';
import { CharCount, limitMessage } from '@/components/ui/char-count';
import { zodFields } from '@/lib/domain/errors';
import { FieldError, inputClass, labelClass, primaryButton, secondaryButton, selectClass } from '@/components/ui/controls';
import { UNREACHABLE } from '@/components/ui/use-action-runner';
import { DAY_LABEL, hhmm, minutesOf, WEEK_DAYS, type WorkingHoursData } from './types';

type Day = { enabled: boolean; start: string; end: string };
type Holiday = { key: string; id?: string; name: string; startDate: string; endDate: string; enabled: boolean };
type Fields = Record<string, string[]>;

const NINE_TO_FIVE: Day = { enabled: true, start: '09:00', end: '17:00' };
let fresh = 0;

/** Create (no `initial`) or edit working hours: the whole resource is sent, checked first with the schema the server uses. */
export function WorkingHoursForm({ initial, timeZones, onDone }: { initial?: WorkingHoursData; timeZones: string[]; onDone: () => void }) {
  const id = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [timezone, setTimezone] = useState(initial?.timezone ?? 'Etc/UTC');
  const [message, setMessage] = useState(initial?.message ?? 'We are away right now and will answer when we are back.');
  const [week, setWeek] = useState<Record<WeekDay, Day>>(() =>
    Object.fromEntries(
      WEEK_DAYS.map((d) => {
        const day = initial?.workWeek[d];
        const weekend = d === 'SATURDAY' || d === 'SUNDAY';
        return [d, day ? { enabled: day.enabled, start: hhmm(day.startTime), end: hhmm(day.endTime) } : { ...NINE_TO_FIVE, enabled: !weekend }];
      }),
    ) as Record<WeekDay, Day>,
  );
  const [holidays, setHolidays] = useState<Holiday[]>(() => (initial?.holidays ?? []).map((h) => ({ ...h, key: h.id })));
  const [flags, setFlags] = useState({
    enabled: initial?.enabled ?? true,
    isDefault: initial?.isDefault ?? false,
    closeConversations: initial?.closeConversations ?? false,
    sendAwayMessageEveryOOWHPeriod: initial?.sendAwayMessageEveryOOWHPeriod ?? false,
  });
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const zones = timeZones.includes(timezone) ? timeZones : [timezone, ...timeZones];
  // Over-long text is refused where it is typed, not cut: the count shows near the limit.
  const tooLong: Record<string, string | null> = {
    name: limitMessage(name.trim(), WORKING_HOURS_NAME_MAX),
    message: limitMessage(message, WORKING_HOURS_MESSAGE_MAX),
    ...Object.fromEntries(holidays.map((h, i) => [`holidays.${i}.name`, limitMessage(h.name.trim(), HOLIDAY_NAME_MAX)])),
  };
  const anyTooLong = Object.values(tooLong).some(Boolean);
  const err = (key: string) => tooLong[key] ?? fields[key]?.[0] ?? null;

  function submit() {
    const local: Fields = {};
    const workWeek = Object.fromEntries(
      WEEK_DAYS.map((d) => {
        const [startTime, endTime] = [minutesOf(week[d].start), minutesOf(week[d].end)];
        if (Number.isNaN(startTime)) local[`workWeek.${d}.startTime`] = ['Use HH:MM, e.g. 09:00.'];
        if (Number.isNaN(endTime)) local[`workWeek.${d}.endTime`] = ['Use HH:MM, e.g. 17:30 (24:00 is the end of the day).'];
        return [d, { startTime, endTime, enabled: week[d].enabled }];
      }),
    ) as Record<WeekDay, { startTime: number; endTime: number; enabled: boolean }>;
    const body = {
      name,
      timezone,
      message,
      workWeek,
      ...flags,
      holidays: holidays.map((h) => ({ ...(h.id && { id: h.id }), name: h.name, startDate: h.startDate, endDate: h.endDate, enabled: h.enabled })),
    };
    const parsed = createWorkingHoursSchema.safeParse(body);
    const found = { ...(parsed.success ? {} : zodFields(parsed.error)), ...local };
    if (Object.keys(found).length) {
      setFields(found);
      setError('Some fields need a change; nothing was saved.');
      return;
    }
    startTransition(async () => {
      const res = await (initial ? updateWorkingHoursAction({ ...body, id: initial.id }) : createWorkingHoursAction(body)).catch(() => null);
      if (res?.ok) {
        setFields({});
        setError(null);
        onDone();
      } else {
        setFields(res?.error.fields ?? {});
        setError(res ? res.error.message : UNREACHABLE);
      }
    });
  }

  const setDay = (d: WeekDay, patch: Partial<Day>) => setWeek((w) => ({ ...w, [d]: { ...w[d], ...patch } }));
  const setHoliday = (key: string, patch: Partial<Holiday>) => setHolidays((hs) => hs.map((h) => (h.key === key ? { ...h, ...patch } : h)));

  return (
    <form
      noValidate
      aria-label={initial ? `Edit working hours ${initial.name}` : 'New working hours'}
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={`${id}-name`} className={labelClass}>
            Name
          </label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!err('name') || undefined} aria-describedby={`${id}-name-count`} className={`mt-1 ${inputClass}`} />
          <CharCount id={`${id}-name-count`} value={name} max={WORKING_HOURS_NAME_MAX} />
          <FieldError message={err('name')} />
        </div>
        <div>
          <label htmlFor={`${id}-tz`} className={labelClass}>
            Time zone
          </label>
          <select id={`${id}-tz`} value={timezone} onChange={(e) => setTimezone(e.target.value)} aria-invalid={!!err('timezone') || undefined} className={`mt-1 ${selectClass}`}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          <FieldError message={err('timezone')} />
        </div>
      </div>
      <div>
        <label htmlFor={`${id}-message`} className={labelClass}>
          Away message
        </label>
        <textarea id={`${id}-message`} value={message} rows={2} onChange={(e) => setMessage(e.target.value)} aria-invalid={!!err('message') || undefined} aria-describedby={`${id}-message-count`} className={`mt-1 ${inputClass}`} />
        <CharCount id={`${id}-message-count`} value={message} max={WORKING_HOURS_MESSAGE_MAX} />
        <FieldError message={err('message')} />
      </div>

      <fieldset>
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">Week</legend>
        <table className="mt-2 text-sm">
          <thead className="sr-only">
            <tr>
              <th>Day</th>
              <th>Open</th>
              <th>From</th>
              <th>To</th>
            </tr>
          </thead>
          <tbody>
            {WEEK_DAYS.map((d) => (
              <tr key={d} className="align-top">
                <th scope="row" className="w-28 py-1 pr-3 text-left font-medium text-slate-700 max-md:w-auto max-md:pr-2">
                  {DAY_LABEL[d]}
                </th>
                <td className="py-1 pr-3 max-md:pr-2">
                  <label className="inline-flex items-center gap-1.5 text-xs text-slate-600">
                    <input type="checkbox" checked={week[d].enabled} onChange={(e) => setDay(d, { enabled: e.target.checked })} aria-label={`Open on ${DAY_LABEL[d]}`} />
                    Open
                  </label>
                </td>
                <td className="py-1 pr-2">
                  <input
                    value={week[d].start}
                    onChange={(e) => setDay(d, { start: e.target.value })}
                    aria-label={`${DAY_LABEL[d]} from`}
                    placeholder="09:00"
                    inputMode="numeric"
                    aria-invalid={!!err(`workWeek.${d}.startTime`) || undefined}
                    className={`w-20 max-md:w-16 ${inputClass}`}
                  />
                  <FieldError message={err(`workWeek.${d}.startTime`)} />
                </td>
                <td className="py-1">
                  <input
                    value={week[d].end}
                    onChange={(e) => setDay(d, { end: e.target.value })}
                    aria-label={`${DAY_LABEL[d]} to`}
                    placeholder="17:00"
                    inputMode="numeric"
                    aria-invalid={!!err(`workWeek.${d}.endTime`) || undefined}
                    className={`w-20 max-md:w-16 ${inputClass}`}
                  />
                  <FieldError message={err(`workWeek.${d}.endTime`) ?? err(`workWeek.${d}`)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>

      <fieldset>
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">Holidays</legend>
        {holidays.length === 0 && <p className="mt-2 text-sm text-slate-500">No holidays.</p>}
        <ul className="mt-2 space-y-2">
          {holidays.map((h, i) => (
            <li key={h.key} className="flex flex-wrap items-start gap-2" data-testid="holiday-row">
              <div>
                <input value={h.name} onChange={(e) => setHoliday(h.key, { name: e.target.value })} aria-label={`Holiday ${i + 1} name`} placeholder="Name" aria-invalid={!!err(`holidays.${i}.name`) || undefined} aria-describedby={`${id}-holiday-${h.key}-count`} className={`w-48 ${inputClass}`} />
                <CharCount id={`${id}-holiday-${h.key}-count`} value={h.name} max={HOLIDAY_NAME_MAX} className="block" />
                <FieldError message={err(`holidays.${i}.name`)} />
              </div>
              <div>
                <input type="date" value={h.startDate} onChange={(e) => setHoliday(h.key, { startDate: e.target.value })} aria-label={`Holiday ${i + 1} from`} className={`w-40 ${inputClass}`} />
                <FieldError message={err(`holidays.${i}.startDate`)} />
              </div>
              <div>
                <input type="date" value={h.endDate} onChange={(e) => setHoliday(h.key, { endDate: e.target.value })} aria-label={`Holiday ${i + 1} to`} className={`w-40 ${inputClass}`} />
                <FieldError message={err(`holidays.${i}.endDate`)} />
              </div>
              <label className="mt-1.5 inline-flex items-center gap-1.5 text-xs text-slate-600">
                <input type="checkbox" checked={h.enabled} onChange={(e) => setHoliday(h.key, { enabled: e.target.checked })} />
                Observed
              </label>
              <button type="button" className="mt-1 rounded-md px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50" onClick={() => setHolidays((hs) => hs.filter((x) => x.key !== h.key))}>
                Remove<span className="sr-only"> holiday {h.name || i + 1}</span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className={`mt-2 ${secondaryButton}`}
          onClick={() => setHolidays((hs) => [...hs, { key: `new-${++fresh}`, name: '', startDate: '', endDate: '', enabled: true }])}
        >
          Add a holiday
        </button>
      </fieldset>

      <fieldset className="grid gap-2 sm:grid-cols-2">
        <legend className="sr-only">Settings</legend>
        {(
          [
            ['enabled', 'Enabled'],
            ['isDefault', 'Default working hours'],
            ['closeConversations', 'Close conversations created outside working hours'],
            ['sendAwayMessageEveryOOWHPeriod', 'Send the away message in every period outside working hours'],
          ] as const
        ).map(([key, label]) => (
          <label key={key} className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={flags[key]} onChange={(e) => setFlags((f) => ({ ...f, [key]: e.target.checked }))} />
            {label}
          </label>
        ))}
      </fieldset>

      <FieldError message={error} />
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={pending || anyTooLong}>
          {pending ? 'Saving…' : initial ? 'Save working hours' : 'Create working hours'}
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
