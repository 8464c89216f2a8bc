import Link from 'next/link';
import { AUDIT_ENTITIES, AUDIT_ENTITY_LABEL } from '@/lib/validation/audit';
import { inputClass, labelClass, primaryButton, secondaryButton, selectClass } from '@/components/ui/controls';

type Values = { entity?: string; actor?: string; from?: string; to?: string; q?: string };

/** A plain GET form: the filters live in the address, so a filtered view can be shared and reloaded. */
export function AuditFilters({ values, actors }: { values: Values; actors: { value: string; label: string }[] }) {
  return (
    <form method="get" action="/audit" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="w-40">
        <label htmlFor="audit-entity" className={labelClass}>
          Entity type
        </label>
        <select id="audit-entity" name="entity" defaultValue={values.entity ?? ''} className={`mt-1 ${selectClass}`}>
          <option value="">Any</option>
          {AUDIT_ENTITIES.map((e) => (
            <option key={e} value={e}>
              {AUDIT_ENTITY_LABEL[e]}
            </option>
          ))}
        </select>
      </div>
      <div className="w-56">
        <label htmlFor="audit-actor" className={labelClass}>
          Actor
        </label>
        <select id="audit-actor" name="actor" defaultValue={values.actor ?? ''} className={`mt-1 ${selectClass}`}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <div className="w-40">
        <label htmlFor="audit-from" className={labelClass}>
          From (UTC)
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={values.from ?? ''} className={`mt-1 ${inputClass}`} />
      </div>
      <div className="w-40">
        <label htmlFor="audit-to" className={labelClass}>
          To (UTC)
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={values.to ?? ''} className={`mt-1 ${inputClass}`} />
      </div>
      <div className="min-w-[12rem] flex-1">
        <label htmlFor="audit-q" className={labelClass}>
          Text
        </label>
        <input id="audit-q" name="q" type="search" maxLength={200} defaultValue={values.q ?? ''} placeholder="Name, action, value, address…" className={`mt-1 ${inputClass}`} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={primaryButton}>
          Filter
        </button>
        <Link href="/audit" className={secondaryButton}>
          Clear
        </Link>
      </div>
    </form>
  );
}
