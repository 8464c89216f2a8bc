import Link from 'next/link';

/** Page links that keep the rest of the query string. Pages are 0-based in the URL, as in the API. */
export function Pagination({
  page,
  limit,
  totalItems,
  basePath,
  params,
  counted = true,
}: {
  page: number;
  limit: number;
  totalItems: number;
  /** False: `totalItems` only says whether another page follows (a search too broad to count). */
  counted?: boolean;
  basePath: string;
  params: Record<string, string | undefined>;
}) {
  const pages = Math.max(1, Math.ceil(totalItems / limit));
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => !!e[1]));
    return `${basePath}?${q.toString()}`;
  };
  const first = totalItems === 0 ? 0 : page * limit + 1;
  const last = Math.min(totalItems, (page + 1) * limit);
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50';
  const off = 'rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-300';
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-4 px-1 py-3 text-sm text-slate-600">
      <p>
        {first}–{last} of {counted ? totalItems.toLocaleString('en') : 'many'}
      </p>
      <div className="flex items-center gap-2">
        {page > 0 ? (
          <Link href={href(page - 1)} className={link} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={off} aria-disabled="true">Previous</span>
        )}
        <span className="px-1">
          Page {page + 1}
          {counted && ` of ${pages}`}
        </span>
        {page + 1 < pages ? (
          <Link href={href(page + 1)} className={link} rel="next">
            Next
          </Link>
        ) : (
          <span className={off} aria-disabled="true">Next</span>
        )}
      </div>
    </nav>
  );
}
