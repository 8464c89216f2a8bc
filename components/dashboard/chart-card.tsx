import { Card } from '@/components/ui/controls';

export type Column<T> = { header: string; cell: (row: T) => string | number; numeric?: boolean };

/**
 * A chart with what a screen reader or a keyboard needs besides the picture: a sentence that says
 * what it shows, and the same numbers as a table one click away.
 */
export function ChartCard<T>({
  title,
  summary,
  legend,
  rows,
  columns,
  rowKey,
  children,
  footer,
}: {
  title: string;
  summary: string;
  legend?: React.ReactNode;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  children: React.ReactNode;
  footer?: React.ReactNode;
}) {
  return (
    <Card title={title} className="flex flex-col">
      <p className="text-sm text-slate-600" data-testid="chart-summary">
        {summary}
      </p>
      {legend}
      <div className="mt-3 h-64">{children}</div>
      {footer}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-brand-700 hover:underline">Show the numbers</summary>
        <div className="mt-2 rounded-md border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col" className={`px-3 py-2 ${c.numeric ? 'text-right' : ''}`}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={rowKey(r)}>
                  {columns.map((c) => (
                    <td key={c.header} className={`px-3 py-1.5 text-slate-700 ${c.numeric ? 'text-right tabular-nums' : ''}`}>
                      {c.cell(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Card>
  );
}

/** A legend in HTML, so its words are real text in the page's own colours (recharts' legend colours the text). */
export function Legend({ items }: { items: { label: string; color: string }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-4 text-xs text-slate-700" aria-hidden="true">
      {items.map((i) => (
        <li key={i.label} className="flex items-center gap-1.5">
          <span className="h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: i.color }} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
