import Link from 'next/link';
import type { HistoryItem } from '@/lib/domain/customer-history';
import { CHANNEL_LABEL } from '@/lib/format';
import { StatusBadge } from '@/components/ui/badges';

// UTC, as the rest of the console's exact times: the server renders it, so it reads the same everywhere.
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** The customer's other conversations the viewer may see (lib/domain/customer-history.ts), each a link. */
export function CustomerHistory({ items, more }: { items: HistoryItem[]; more: boolean }) {
  return (
    <section aria-labelledby="customer-history-heading" className="mt-4">
      <h3 id="customer-history-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Other conversations
      </h3>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">None that you can see.</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100" aria-label="Other conversations with this customer">
          {items.map((c) => (
            <li key={c.id} className="flex min-w-0 items-center justify-between gap-2 py-1.5 text-sm">
              <div className="min-w-0">
                <Link href={`/inbox/${c.id}`} className="block truncate font-medium text-brand-700 hover:underline">
                  {c.topic || 'No topic'}
                </Link>
                <p className="text-xs text-slate-500">
                  <time dateTime={c.createdAt.toISOString()}>{day.format(c.createdAt)}</time> · {CHANNEL_LABEL[c.channel]}
                </p>
              </div>
              <StatusBadge status={c.status} />
            </li>
          ))}
        </ul>
      )}
      {more && <p className="mt-1 text-xs text-slate-500">Only the latest {items.length} are listed.</p>}
    </section>
  );
}
