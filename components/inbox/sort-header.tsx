import type { InboxSort } from '@/lib/query/inbox-filters';

/**
 * The table's sortable columns. `first` is the order a first click gives (a second flips it);
 * `aria` says how the column's shown values run for each order: Waiting shows how long, so the
 * longest waiting first (oldest waitingSince) is descending.
 */
export const SORT_COLUMNS = {
  priority: { label: 'Priority', first: 'priority:asc', aria: { asc: 'descending', desc: 'ascending' }, words: { asc: 'most urgent first', desc: 'least urgent first' } },
  waitingSince: { label: 'Waiting', first: 'waitingSince:asc', aria: { asc: 'descending', desc: 'ascending' }, words: { asc: 'longest first', desc: 'shortest first' } },
  lastInboundAt: { label: 'Customer wrote', first: 'lastInboundAt:desc', aria: { asc: 'descending', desc: 'ascending' }, words: { asc: 'oldest first', desc: 'latest first' } },
  createdAt: { label: 'Created', first: 'createdAt:desc', aria: { asc: 'descending', desc: 'ascending' }, words: { asc: 'oldest first', desc: 'newest first' } },
} as const satisfies Record<string, { label: string; first: InboxSort; aria: Record<'asc' | 'desc', 'ascending' | 'descending'>; words: Record<'asc' | 'desc', string> }>;

export type SortColumn = keyof typeof SORT_COLUMNS;

/** A column header that sorts the list by its column (aria-sort on the active one). */
export function SortHeader({ column, sort, onSort, className = '' }: { column: SortColumn; sort: InboxSort; onSort: (sort: InboxSort) => void; className?: string }) {
  const c = SORT_COLUMNS[column];
  const [field, dir] = sort.split(':') as [string, 'asc' | 'desc'];
  const active = field === column;
  const next = (active ? `${column}:${dir === 'asc' ? 'desc' : 'asc'}` : c.first) as InboxSort;
  const nextDir = next.split(':')[1] as 'asc' | 'desc';
  return (
    <th scope="col" aria-sort={active ? c.aria[dir] : undefined} className={className}>
      <button
        type="button"
        onClick={() => onSort(next)}
        title={`Sort ${c.words[nextDir]}`}
        className={`inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-900 ${active ? 'text-slate-900' : ''}`}
      >
        {c.label}
        <span aria-hidden="true" className={active ? '' : 'text-slate-400'}>
          {active ? (c.aria[dir] === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
