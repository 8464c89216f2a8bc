import type { Customer } from '@/lib/generated/prisma/client';
import type { HistoryItem } from '@/lib/domain/customer-history';
import { Card } from '@/components/ui/controls';
import { CustomerHistory } from './customer-history';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Who the conversation is with, and the free attributes routes can match on (tier, authLevel…). */
export function CustomerCard({ customer, history }: { customer: Customer | null; history?: { items: HistoryItem[]; more: boolean } }) {
  if (!customer) {
    return (
      <Card title="Customer">
        <p className="text-sm text-slate-500">No customer is linked to this conversation.</p>
      </Card>
    );
  }
  const attributes = customer.attributes && typeof customer.attributes === 'object' && !Array.isArray(customer.attributes) ? Object.entries(customer.attributes) : [];
  const rows: [string, string | null][] = [
    ['Email', customer.email],
    ['Phone', customer.phone],
    ['Country', customer.country],
  ];
  return (
    <Card title="Customer">
      <p className="font-medium text-slate-900">{customer.name ?? customer.email ?? customer.phone ?? 'Unnamed customer'}</p>
      <dl className="mt-2 grid grid-cols-[6rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="truncate text-slate-800">{v ?? '—'}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Attributes</h3>
      {attributes.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">None.</p>
      ) : (
        <dl aria-label="Customer attributes" className="mt-1 grid grid-cols-[6rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
          {attributes.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="truncate font-mono text-xs leading-5 text-slate-500">{k}</dt>
              <dd className="truncate text-slate-800">{show(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {history && <CustomerHistory {...history} />}
    </Card>
  );
}
