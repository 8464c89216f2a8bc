import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { can } from '@/lib/access/roles';
import { db } from '@/lib/db';
import { listCannedReplies } from '@/lib/domain/canned-replies/canned-replies';
import { CANNED_VARIABLES } from '@/lib/validation/canned-replies';
import { PageHeader } from '@/components/console/page-header';
import { CannedReplySection } from '@/components/canned-replies/canned-reply-section';
import type { CannedReplyData } from '@/components/canned-replies/types';

export const metadata: Metadata = { title: 'Canned replies' };

export default async function CannedRepliesPage() {
  const actor = await requirePageActor('cannedReplies.use');
  const canManageShared = can(actor.role, 'cannedReplies.manage');
  const rows = await listCannedReplies(db(), actor, { query: undefined });
  const data: CannedReplyData[] = rows.map((r) => ({ id: r.id, scope: r.scope, title: r.title, body: r.body, createdBy: r.createdBy?.name ?? null }));
  return (
    <>
      <PageHeader title="Canned replies" description="Ready answers for the reply box: type / there to pick one, with the customer’s details filled in." />
      <main className="grid gap-6 px-4 py-6 sm:px-8 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <CannedReplySection
            scope="PERSONAL"
            title="Your replies"
            description="Only you see these."
            replies={data.filter((r) => r.scope === 'PERSONAL')}
            canEdit
          />
          <CannedReplySection
            scope="SHARED"
            title="Shared replies"
            description={canManageShared ? 'Everyone on the team uses these; changes are in the audit log.' : 'Everyone on the team uses these; supervisors and admins write them.'}
            replies={data.filter((r) => r.scope === 'SHARED')}
            canEdit={canManageShared}
          />
        </div>
        <aside aria-labelledby="canned-variables" className="h-fit rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
          <h2 id="canned-variables" className="font-semibold text-slate-900">
            Variables
          </h2>
          <p className="mt-1 text-slate-600">Filled in when the reply is inserted into a conversation:</p>
          <dl className="mt-2 space-y-1.5">
            {CANNED_VARIABLES.map((v) => (
              <div key={v.name}>
                <dt className="font-mono text-xs text-slate-800">{`{{${v.name}}}`}</dt>
                <dd className="text-xs text-slate-600">{v.description}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-3 text-xs text-slate-600">
            A value the conversation does not have is left empty; give a fallback after a bar: <code className="font-mono text-slate-800">{'{{customer.name | there}}'}</code>.
          </p>
        </aside>
      </main>
    </>
  );
}
