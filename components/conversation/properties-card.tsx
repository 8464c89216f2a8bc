import type { ConversationDetail } from '@/lib/domain/conversations/get';
import { CONVERSATION_STATUSES, PRIORITIES, SUMMARY_MAX, TOPIC_MAX } from '@/lib/validation/conversations';
import { CHANNEL_LABEL, PRIORITY_LABEL, STATUS_LABEL } from '@/lib/format';
import { Card, labelClass } from '@/components/ui/controls';
import { AvailabilityDot, PriorityBadge, StatusBadge } from '@/components/ui/badges';
import { RelativeTime } from '@/components/ui/relative-time';
import { CopyId } from '@/components/ui/copy-id';
import { InlineTextField } from './inline-text-field';
import { PropertySelect } from './property-select';
import { AssigneeSelect, type AssignableAgent } from './assignee-select';
import { RouteButton } from './route-button';
import { SnoozeControl } from '@/components/snooze/snooze-control';

/** Status, priority, assignee, topic and summary (editable until closed), then where the conversation sits. */
export function PropertiesCard({ conversation: c, agents, now }: { conversation: ConversationDetail; agents: AssignableAgent[]; now: Date }) {
  const closed = c.status === 'CLOSED';
  return (
    <Card title="Properties">
      <div className="space-y-3">
        {closed ? (
          <>
            <ReadOnly label="Status">
              <StatusBadge status={c.status} />
            </ReadOnly>
            <ReadOnly label="Priority">
              <PriorityBadge priority={c.priority} />
            </ReadOnly>
            <ReadOnly label="Topic">{c.topic || <span className="italic text-slate-500">No topic</span>}</ReadOnly>
            <ReadOnly label="Summary">{c.summary || <span className="italic text-slate-500">No summary</span>}</ReadOnly>
          </>
        ) : (
          <>
            <div className="grid grid-cols-2 gap-3">
              <PropertySelect
                conversationId={c.id}
                name="status"
                label="Status"
                value={c.status}
                options={CONVERSATION_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
                confirm={{ value: 'CLOSED', question: 'Close this conversation? Closed conversations cannot be changed or reopened.', button: 'Close conversation' }}
              />
              <PropertySelect
                conversationId={c.id}
                name="priority"
                label="Priority"
                value={c.priority}
                options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))}
              />
            </div>
            <InlineTextField conversationId={c.id} name="topic" label="Topic" value={c.topic} maxLength={TOPIC_MAX} />
            <InlineTextField conversationId={c.id} name="summary" label="Summary" value={c.summary} maxLength={SUMMARY_MAX} multiline />
          </>
        )}
        <AssigneeSelect conversationId={c.id} current={c.agent} agents={agents} closed={closed} />
        {!closed && <RouteButton conversationId={c.id} closed={closed} />}
        {!closed && c.status !== 'SOLVED' && <SnoozeControl conversationId={c.id} snoozedUntil={c.snoozedUntil?.toISOString() ?? null} />}
      </div>
      <dl className="mt-4 grid grid-cols-[6rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 border-t border-slate-100 pt-3 text-sm">
        <Detail label="Queue">{c.queue?.name ?? <span className="text-slate-500">No queue</span>}</Detail>
        <Detail label="Agent">
          {c.agent ? (
            <span className="inline-flex items-center gap-1.5">
              <AvailabilityDot availability={c.agent.availability} />
              {c.agent.name}
            </span>
          ) : (
            <span className="text-slate-500">Unassigned</span>
          )}
        </Detail>
        <Detail label="Inbox">{c.inbox?.name ?? <span className="text-slate-500">None</span>}</Detail>
        <Detail label="Channel">{CHANNEL_LABEL[c.channel]}</Detail>
        <Detail label="Created">
          <RelativeTime date={c.createdAt} now={now} />
        </Detail>
        <Detail label="Updated">
          <RelativeTime date={c.updatedAt} now={now} />
        </Detail>
      </dl>
      {/* For the API, support tickets and a colleague: the one thing that names this conversation for sure. */}
      <div className="mt-3 border-t border-slate-100 pt-2">
        <CopyId id={c.id} label="Conversation ID" testId="conversation-id" />
      </div>
    </Card>
  );
}

function ReadOnly({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <p className={labelClass}>{label}</p>
      <div className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{children}</div>
    </div>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 truncate text-slate-800">{children}</dd>
    </>
  );
}
