import { cache } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePageActor } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/domain/errors';
import { getConversation, getTimeline } from '@/lib/domain/conversations/get';
import { listMessages } from '@/lib/domain/conversations/messages';
import { conversationViewers, listNotes } from '@/lib/domain/notes';
import { assignableAgents } from '@/lib/domain/assignment/manual';
import { getLookups } from '@/lib/domain/lookups';
import { customerHistory } from '@/lib/domain/customer-history';
import { CHANNEL_LABEL } from '@/lib/format';
import { PageHeader } from '@/components/console/page-header';
import { PriorityBadge, StatusBadge } from '@/components/ui/badges';
import { Card } from '@/components/ui/controls';
import { RelativeTime } from '@/components/ui/relative-time';
import { MessageThread } from '@/components/conversation/message-thread';
import { ReplyBox } from '@/components/conversation/reply-box';
import { ConversationViewers } from '@/components/conversation/viewers';
import { PropertiesCard } from '@/components/conversation/properties-card';
import { TagEditor } from '@/components/conversation/tag-editor';
import { CustomerCard } from '@/components/conversation/customer-card';
import { MetadataCard } from '@/components/conversation/metadata-card';
import { Timeline } from '@/components/conversation/timeline';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { MarkRead } from '@/components/realtime/mark-read';

/** The newest messages shown; a longer thread says how many earlier ones are left out. */
const MESSAGE_WINDOW = 200;

type Params = { params: Promise<{ id: string }> };

/** The conversation, or the 404 page: one the user may not see is answered exactly like one that does not exist (SPEC §2). */
const loadConversation = cache(async (id: string) => {
  const actor = await requirePageActor('conversations.work');
  try {
    return { actor, conversation: await getConversation(db(), actor, { conversationId: id }) };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { conversation } = await loadConversation((await params).id);
  return { title: conversation.topic || 'Conversation' };
}

export default async function ConversationPage({ params }: Params) {
  const { actor, conversation: c } = await loadConversation((await params).id);
  // Started beside the reads below (a separate line, so that it reads alongside them without joining their list).
  const historyRead = c.customerId ? customerHistory(db(), actor, { customerId: c.customerId, exceptConversationId: c.id }) : undefined;
  const [timeline, messages, notes, people, lookups, agents] = await Promise.all([
    getTimeline(db(), actor, { conversationId: c.id }),
    listMessages(db(), actor, { conversationId: c.id, page: 0, limit: MESSAGE_WINDOW, orderBy: 'createdAt:desc' }),
    listNotes(db(), actor, { conversationId: c.id, page: 0, limit: MESSAGE_WINDOW, orderBy: 'createdAt:desc' }),
    // Who a note may @mention: whoever may see the conversation (the page's own check passed above).
    conversationViewers(db(), c),
    getLookups(db(), actor),
    assignableAgents(db(), actor, { conversationId: c.id }),
  ]);
  const history = await historyRead;
  // Notes older than the oldest message shown would sit above a gap: show only those within the window.
  const shownMessages = [...messages.messages].reverse();
  const windowStart = messages.totalItems > messages.messages.length ? shownMessages[0]?.createdAt : undefined;
  const shownNotes = [...notes.notes].reverse().filter((n) => !windowStart || n.createdAt >= windowStart);
  const now = new Date();
  const closed = c.status === 'CLOSED';
  const names = {
    queues: new Map(lookups.queues.map((q) => [q.id, q.name])),
    agents: new Map(lookups.agents.map((a) => [a.id, a.name])),
    inboxes: new Map(lookups.inboxes.map((i) => [i.id, i.name])),
  };
  const customerName = c.customer?.name ?? c.customer?.email ?? c.customer?.phone ?? null;
  const tags = c.tags.map((t) => t.tag.name);

  return (
    <>
      <PageHeader
        title={c.topic || 'No topic'}
        description={[customerName ?? 'Unknown customer', c.inbox?.name, CHANNEL_LABEL[c.channel]].filter(Boolean).join(' · ')}
      >
        <div className="flex items-center gap-2">
          <StatusBadge status={c.status} />
          <PriorityBadge priority={c.priority} />
          <Link href="/inbox" className="ml-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
            Back to inbox
          </Link>
        </div>
      </PageHeader>
      <main className="grid grid-cols-1 gap-6 px-4 py-6 md:px-8 xl:grid-cols-[minmax(0,1fr)_23rem]">
        <div className="min-w-0 space-y-4">
          {closed && (
            <p role="status" className="rounded-lg border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-700">
              <span className="font-medium">This conversation is closed</span> (closed {c.closedAt ? <RelativeTime date={c.closedAt} now={now} /> : 'earlier'}) and can no
              longer be changed.
            </p>
          )}
          <section aria-label="Conversation" className="rounded-lg border border-slate-200 bg-slate-100/60 p-4">
            <MessageThread
              messages={shownMessages}
              notes={shownNotes}
              people={people}
              customerName={customerName}
              now={now}
              hiddenEarlier={Math.max(0, messages.totalItems - messages.messages.length)}
            />
          </section>
          <ConversationViewers conversationId={c.id}>
            <ReplyBox conversationId={c.id} closed={closed} people={people} />
          </ConversationViewers>
        </div>
        <aside className="min-w-0 space-y-4" aria-label="Details">
          <PropertiesCard conversation={c} agents={agents} now={now} />
          <Card title="Tags">
            <TagEditor conversationId={c.id} tags={tags} suggestions={lookups.tags.map((t) => t.name)} closed={closed} />
          </Card>
          <CustomerCard customer={c.customer} history={history} />
          <MetadataCard metadata={c.metadata} />
          <Timeline events={timeline} names={names} now={now} />
        </aside>
      </main>
      <LiveRefresh topics={['conversations', 'agents']} conversationId={c.id} />
      <MarkRead conversationId={c.id} />
    </>
  );
}
