import type { AuditRow } from '@/lib/domain/audit-log';
import { AUDIT_ENTITY_LABEL } from '@/lib/validation/audit';
import { RelativeTime } from '@/components/ui/relative-time';

const ACTOR_KIND: Record<AuditRow['actorKind'], string> = { USER: 'User', API_KEY: 'API key', SYSTEM: 'System' };

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** before → after, one line per field. */
function Change({ before, after }: { before: AuditRow['before']; after: AuditRow['after'] }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (!keys.length) return <span className="text-slate-500">—</span>;
  return (
    <dl className="space-y-0.5">
      {keys.map((k) => (
        <div key={k} className="flex flex-wrap gap-x-1.5 break-all">
          <dt className="font-medium text-slate-600">{k}:</dt>
          <dd className="font-mono text-xs leading-5">
            {before && k in before && <span className="text-red-700 line-through decoration-red-300">{show(before[k])}</span>}
            {before && k in before && after && k in after && <span className="px-1 text-slate-500"><span aria-hidden="true">→</span><span className="sr-only">changed to</span></span>}
            {after && k in after && <span className="text-emerald-800">{show(after[k])}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function AuditTable({ rows, now }: { rows: AuditRow[]; now: Date }) {
  if (!rows.length) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">No audit entries match.</p>;
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="table-cards min-w-full divide-y divide-slate-200 text-sm" aria-label="Audit log">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5">When</th>
            <th scope="col" className="px-3 py-2.5">Who</th>
            <th scope="col" className="px-3 py-2.5">What</th>
            <th scope="col" className="px-3 py-2.5">Change</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top text-slate-700">
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row">
              <td data-label="When" className="whitespace-nowrap px-4 py-2.5">
                <RelativeTime date={r.createdAt} now={now} />
                <div className="text-xs text-slate-500">{r.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</div>
              </td>
              <td data-label="Who" className="px-3 py-2.5">
                <div className="font-medium text-slate-900">{r.actorName}</div>
                <div className="text-xs text-slate-500">
                  {ACTOR_KIND[r.actorKind]}
                  {r.ip && <> · {r.ip}</>}
                </div>
                {r.userAgent && (
                  <div className="max-w-[16rem] truncate text-xs text-slate-500" title={r.userAgent}>
                    {r.userAgent}
                  </div>
                )}
              </td>
              <td data-label="What" className="px-3 py-2.5 max-md:col-span-full">
                <div>
                  <span className="font-medium text-slate-900">{AUDIT_ENTITY_LABEL[r.entityType]}</span> {r.entityName ?? r.entityId}
                </div>
                <div className="font-mono text-xs text-slate-500">{r.action}</div>
              </td>
              <td data-label="Change" className="min-w-[16rem] px-3 py-2.5 max-md:col-span-full">
                <Change before={r.before} after={r.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
