import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { countByStatus, listConversations } from '@/lib/domain/conversations/list';
import { conversationListQuerySchema, CONVERSATION_STATUSES } from '@/lib/validation/conversations';
import { STATUS_LABEL } from '@/lib/format';
import { PageHeader } from '@/components/console/page-header';
import { ConversationTable } from '@/components/inbox/conversation-table';
import { Pagination } from '@/components/ui/pagination';

export const metadata: Metadata = { title: 'Inbox' };

const PAGE_SIZE = 25;

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('conversations.work');
  const raw = await searchParams;
  const status = typeof raw.status === 'string' ? raw.status : undefined;
  const parsed = conversationListQuerySchema.safeParse({ page: raw.page, status, limit: PAGE_SIZE });
  // A hand-edited URL with a bad value falls back to the first page of everything rather than failing.
  const query = parsed.success ? parsed.data : conversationListQuerySchema.parse({ limit: PAGE_SIZE });
  const [page, counts] = await Promise.all([listConversations(db(), actor, query), countByStatus(db(), actor)]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const active = query.status?.[0];

  return (
    <>
      <PageHeader title="Inbox" description={actor.role === 'AGENT' ? 'Conversations assigned to you, in your inboxes and in your queues.' : 'All conversations.'} />
      <main className="px-8 py-6">
        <nav aria-label="Status" className="mb-4 flex flex-wrap gap-2">
          <StatusTab href="/inbox" label="All" count={total} active={!active} />
          {CONVERSATION_STATUSES.map((s) => (
            <StatusTab key={s} href={`/inbox?status=${s}`} label={STATUS_LABEL[s]} count={counts[s] ?? 0} active={active === s} />
          ))}
        </nav>
        <ConversationTable items={page.items} now={new Date()} />
        <Pagination page={page.page} limit={page.limit} totalItems={page.totalItems} basePath="/inbox" params={{ status: active }} />
      </main>
    </>
  );
}

function StatusTab({ href, label, count, active }: { href: string; label: string; count: number; active: boolean }) {
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
        active ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
      }`}
    >
      {label}
      <span className={`rounded-full px-1.5 text-xs ${active ? 'bg-white/20' : 'bg-slate-100 text-slate-600'}`}>{count}</span>
    </Link>
  );
}
