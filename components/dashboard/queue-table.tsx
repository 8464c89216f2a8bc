import type { QueueFigures } from '@/lib/domain/dashboard';
import { age } from '@/lib/format';

/** Per queue: open, unassigned, oldest waiting, and who holds its open conversations. */
export function QueueTable({ queues, now }: { queues: QueueFigures[]; now: string }) {
  if (queues.length === 0) return <p className="text-sm text-slate-500">No queues yet.</p>;
  return (
    <div className="relative -mx-4 -my-3 overflow-x-auto">
      <table className="table-cards table-cards-3 min-w-full divide-y divide-slate-200 text-sm" aria-label="Queues">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5">Queue</th>
            <th scope="col" className="px-3 py-2.5 text-right">Open</th>
            <th scope="col" className="px-3 py-2.5 text-right">Unassigned</th>
            <th scope="col" className="px-3 py-2.5 text-right">Oldest waiting</th>
            <th scope="col" className="px-4 py-2.5">Assigned to</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {queues.map((q) => (
            <tr key={q.id ?? 'none'} data-testid="dashboard-queue" data-queue={q.name}>
              <th scope="row" className={`px-4 py-2.5 text-left font-medium max-md:col-span-full ${q.id ? 'text-slate-900' : 'italic text-slate-600'}`}>
                {q.name}
              </th>
              <td data-label="Open" className="px-3 py-2.5 text-right tabular-nums text-slate-700" data-testid="queue-open">
                {q.open}
              </td>
              <td data-label="Unassigned" className="px-3 py-2.5 text-right tabular-nums" data-testid="queue-unassigned">
                {q.unassigned > 0 ? (
                  <span className="rounded-full bg-amber-50 px-2 py-0.5 font-semibold text-amber-800 ring-1 ring-amber-600/20 ring-inset">{q.unassigned}</span>
                ) : (
                  <span className="text-slate-700">0</span>
                )}
              </td>
              <td data-label="Oldest waiting" className="px-3 py-2.5 text-right tabular-nums text-slate-700" data-testid="queue-oldest">
                {q.oldestWaitingSince ? (
                  <time dateTime={q.oldestWaitingSince} title={new Date(q.oldestWaitingSince).toUTCString()}>
                    {age(new Date(q.oldestWaitingSince), new Date(now))}
                  </time>
                ) : (
                  '—'
                )}
              </td>
              <td data-label="Assigned to" className="px-4 py-2.5 max-md:col-span-full">
                {q.assigned.length === 0 ? (
                  <span className="text-slate-500">Nobody</span>
                ) : (
                  <ul className="flex flex-wrap gap-1.5" aria-label={`Assigned in ${q.name}`}>
                    {q.assigned.map((a) => (
                      <li key={a.agentId} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                        {a.name} <span className="font-semibold tabular-nums text-slate-900">{a.count}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
