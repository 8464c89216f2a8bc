import type { AgentFigures } from '@/lib/domain/dashboard';
import { ROLE_LABEL } from '@/lib/access/roles';
import { AvailabilityBadge } from '@/components/ui/badges';
import { age } from '@/lib/format';

/** Per agent: availability (and for how long), open load, conversations given to them today. */
export function AgentTable({ agents, now }: { agents: AgentFigures[]; now: string }) {
  if (agents.length === 0) return <p className="text-sm text-slate-500">No agents yet.</p>;
  return (
    <div className="relative -mx-4 -my-3 overflow-x-auto">
      <table className="table-cards min-w-full divide-y divide-slate-200 text-sm" aria-label="Agents">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5">Agent</th>
            <th scope="col" className="px-3 py-2.5">Availability</th>
            <th scope="col" className="px-3 py-2.5 text-right">Open load</th>
            <th scope="col" className="px-4 py-2.5 text-right">Assigned today</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {agents.map((a) => (
            <tr key={a.id} data-testid="dashboard-agent" data-agent={a.name}>
              <th scope="row" className="px-4 py-2.5 text-left font-medium text-slate-900 max-md:col-span-full">
                {a.name}
                {a.role !== 'AGENT' && <span className="ml-1.5 text-xs font-normal text-slate-500">{ROLE_LABEL[a.role]}</span>}
                {!a.enabled && <span className="ml-1.5 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">Disabled</span>}
              </th>
              <td data-label="Availability" className="px-3 py-2.5 max-md:col-span-full">
                <span className="inline-flex items-center gap-2">
                  <AvailabilityBadge availability={a.availability} disconnected={a.disconnected} />
                  <span className="text-xs text-slate-500">
                    <For since={a.availabilityChangedAt} now={now} />
                  </span>
                </span>
              </td>
              <td data-label="Open load" className="px-3 py-2.5 text-right tabular-nums text-slate-700" data-testid="agent-open-load">
                {a.openLoad}
              </td>
              <td data-label="Assigned today" className="px-4 py-2.5 text-right tabular-nums text-slate-700" data-testid="agent-assigned-today">
                {a.assignedToday}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** "for 3h"; past a week "since 2 Sep" (in UTC, so the server's and the browser's render agree): "for 12w" read as broken. */
function For({ since, now }: { since: string; now: string }) {
  const from = new Date(since);
  if (new Date(now).getTime() - from.getTime() >= WEEK_MS) {
    return <>since <time dateTime={since}>{from.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })}</time></>;
  }
  return <>for <time dateTime={since}>{age(from, new Date(now)).replace('now', 'a moment')}</time></>;
}
