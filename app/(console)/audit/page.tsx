import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { invoke } from '@/lib/operations/operation';
import { listAuditLogOp } from '@/lib/operations/console';
import { listAuditActors, type AuditPage } from '@/lib/domain/audit-log';
import { DomainError } from '@/lib/domain/errors';
import { PageHeader } from '@/components/console/page-header';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditTable } from '@/components/audit/audit-table';
import { AuditPager } from '@/components/audit/audit-pager';

export const metadata: Metadata = { title: 'Audit log' };

type Search = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// Admins only (SPEC §2): the role is checked here, on the server, and again by the operation.
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor('audit.view');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, one(v)]));
  const filters = { entity: raw.entity, actor: raw.actor, from: raw.from, to: raw.to, q: raw.q };
  let page: AuditPage = { rows: [], older: null, newer: null };
  let error: DomainError | null = null;
  try {
    page = await invoke(listAuditLogOp, { db: db(), actor }, { ...filters, older: raw.older, newer: raw.newer });
  } catch (e) {
    // A hand-edited address: say what is wrong with it rather than show an empty log as if it were the answer.
    if (!(e instanceof DomainError)) throw e;
    error = e;
  }
  const actors = await listAuditActors(db(), actor);
  const now = new Date();
  return (
    <>
      <PageHeader title="Audit log" description="Every administrative change: who made it and from where, what changed from what to what, and when." />
      <main className="space-y-4 px-4 py-6 sm:px-8">
        <AuditFilters values={filters} actors={actors} />
        {error ? (
          <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
            <p className="font-medium">These filters cannot be used. Change them, or clear them to see the whole log.</p>
            {error.fields && (
              <ul className="mt-1 list-inside list-disc">
                {Object.entries(error.fields).map(([k, v]) => (
                  <li key={k}>
                    {k}: {v.join(' ')}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          <>
            <AuditTable rows={page.rows} now={now} />
            <AuditPager basePath="/audit" params={filters} older={page.older} newer={page.newer} />
          </>
        )}
      </main>
    </>
  );
}
