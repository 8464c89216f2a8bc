'use client';

import { useId, useState } from 'react';
import { DeleteWorkingHoursButton } from './delete-working-hours-button';
import { WorkingHoursForm } from './working-hours-form';
import { DAY_LABEL, hhmm, WEEK_DAYS, type WorkingHoursData } from './types';

/** One working hours: the week, holidays and settings; admins edit in place and delete. */
export function WorkingHoursCard({ hours, canManage, timeZones }: { hours: WorkingHoursData; canManage: boolean; timeZones: string[] }) {
  const headingId = useId();
  const [editing, setEditing] = useState(false);

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="working-hours-card">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="font-semibold text-slate-900">
            {hours.name}
          </h2>
          <p className="text-xs text-slate-500">{hours.timezone}</p>
          <p className={`mt-1 text-xs font-medium ${hours.status.open ? 'text-emerald-700' : 'text-amber-700'}`} data-testid="working-hours-status">
            {hours.status.label}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {hours.isDefault && <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Default</span>}
          {!hours.enabled && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">Disabled</span>}
          {canManage && !editing && (
            <button type="button" className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50" aria-label={`Edit working hours ${hours.name}`} onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {canManage && <DeleteWorkingHoursButton id={hours.id} name={hours.name} />}
        </div>
      </div>
      {editing ? (
        <div className="mt-4">
          <WorkingHoursForm initial={hours} timeZones={timeZones} onDone={() => setEditing(false)} />
        </div>
      ) : (
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <table className="text-sm" aria-label={`Week of ${hours.name}`}>
            <tbody>
              {WEEK_DAYS.map((d) => {
                const day = hours.workWeek[d];
                return (
                  <tr key={d}>
                    <th scope="row" className="w-28 py-0.5 pr-3 text-left font-medium text-slate-700">
                      {DAY_LABEL[d]}
                    </th>
                    <td className="tabular-nums text-slate-700">{day.enabled ? `${hhmm(day.startTime)}–${hhmm(day.endTime)}` : 'Closed'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="space-y-3 text-sm">
            <div>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Holidays</h3>
              {hours.holidays.length ? (
                <ul className="mt-1 space-y-0.5" aria-label={`Holidays of ${hours.name}`}>
                  {hours.holidays.map((h) => (
                    <li key={h.id} className={h.enabled ? 'text-slate-700' : 'text-slate-400'}>
                      {h.name}: {h.startDate === h.endDate ? h.startDate : `${h.startDate} – ${h.endDate}`}
                      {!h.enabled && ' (not observed)'}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-slate-500">No holidays.</p>
              )}
            </div>
            <p className="text-slate-600">“{hours.message}”</p>
            <p className="text-xs text-slate-500">
              {hours.queues.length ? `Followed by ${hours.queues.join(', ')}.` : 'No queue follows these working hours.'}
              {hours.closeConversations && ' Closes conversations created outside working hours.'}
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
