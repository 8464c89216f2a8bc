import Link from 'next/link';

/** Newer / older links over keyset pages (no page count: the log only grows, and is never counted). */
export function AuditPager({ basePath, params, older, newer }: { basePath: string; params: Record<string, string | undefined>; older: string | null; newer: string | null }) {
  const href = (extra: Record<string, string>) => {
    const q = new URLSearchParams(Object.entries({ ...params, ...extra }).filter((e): e is [string, string] => !!e[1]));
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50';
  const off = 'rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-300';
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-end gap-2 px-1 py-3 text-sm">
      {newer ? (
        <>
          <Link href={href({})} className={link}>
            Newest
          </Link>
          <Link href={href({ newer })} className={link} rel="prev">
            Newer
          </Link>
        </>
      ) : (
        <span className={off} aria-disabled="true">
          Newer
        </span>
      )}
      {older ? (
        <Link href={href({ older })} className={link} rel="next">
          Older
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          Older
        </span>
      )}
    </nav>
  );
}
