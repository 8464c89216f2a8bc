import type { Message, Note } from '@/lib/generated/prisma/client';
import { mentionSpans, type MentionCandidate } from '@/lib/domain/mentions';
import { RelativeTime } from '@/components/ui/relative-time';

type ThreadMessage = Pick<Message, 'id' | 'direction' | 'authorType' | 'from' | 'text' | 'createdAt'> & { author: { name: string } | null };
export type ThreadNote = Pick<Note, 'id' | 'content' | 'createdAt'> & { author: { name: string } | null };

function authorOf(m: ThreadMessage, customerName: string | null): string {
  if (m.direction === 'INBOUND') return customerName ?? m.from ?? 'Customer';
  if (m.author) return m.author.name;
  return m.authorType === 'BOT' ? 'Bot' : m.authorType === 'SYSTEM' ? 'System' : 'Team';
}

/** A note's text with its @mentions of these people highlighted. */
function NoteText({ text, people }: { text: string; people: MentionCandidate[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const s of mentionSpans(text, people)) {
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(
      <mark key={s.start} data-testid="mention" title={s.who.name} className="rounded bg-amber-200 px-0.5 font-medium text-amber-950">
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

type Item = { kind: 'message'; at: Date; m: ThreadMessage } | { kind: 'note'; at: Date; n: ThreadNote };

/**
 * The conversation as a chat: the customer on the left, the team (agents, bots) on the right, and
 * the team's internal notes, in time order among them, set apart in yellow: never sent to the customer.
 */
export function MessageThread({
  messages,
  notes = [],
  people = [],
  customerName,
  now,
  hiddenEarlier,
}: {
  messages: ThreadMessage[];
  notes?: ThreadNote[];
  /** Who a note may mention (for highlighting). */
  people?: MentionCandidate[];
  customerName: string | null;
  now: Date;
  hiddenEarlier: number;
}) {
  if (messages.length === 0 && notes.length === 0) {
    return <p className="py-8 text-center text-sm text-slate-600">No messages yet.</p>;
  }
  const items: Item[] = [...messages.map((m): Item => ({ kind: 'message', at: m.createdAt, m })), ...notes.map((n): Item => ({ kind: 'note', at: n.createdAt, n }))];
  // Stable: a message and a note written in the same millisecond keep messages first.
  items.sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <div>
      {hiddenEarlier > 0 && (
        <p className="mb-3 text-center text-xs text-slate-600">
          {hiddenEarlier === 1 ? '1 earlier message is not shown.' : `${hiddenEarlier} earlier messages are not shown.`}
        </p>
      )}
      <ol aria-label="Messages" className="space-y-4">
        {items.map((item) => {
          if (item.kind === 'note') {
            const n = item.n;
            return (
              <li key={`note-${n.id}`} data-testid="note" className="flex justify-center">
                <div className="w-full max-w-[85%] rounded-lg border border-amber-300 bg-amber-50 px-3.5 py-2 shadow-sm">
                  <p className="mb-1 text-xs text-amber-900">
                    <span className="font-semibold uppercase tracking-wide">Internal note</span>
                    {' · '}
                    <span className="font-medium">{n.author?.name ?? 'API key'}</span>
                    {' · '}
                    <RelativeTime date={n.createdAt} now={now} />
                  </p>
                  <p className="whitespace-pre-wrap text-sm text-slate-900">
                    <NoteText text={n.content} people={people} />
                  </p>
                </div>
              </li>
            );
          }
          const m = item.m;
          const outbound = m.direction === 'OUTBOUND';
          return (
            <li key={m.id} data-testid="message" data-direction={outbound ? 'outbound' : 'inbound'} className={`flex ${outbound ? 'justify-end' : 'justify-start'}`}>
              <div className={`max-w-[75%] ${outbound ? 'text-right' : ''}`}>
                <p className="mb-1 text-xs text-slate-600">
                  <span className="font-medium text-slate-700">{authorOf(m, customerName)}</span>
                  {' · '}
                  <RelativeTime date={m.createdAt} now={now} />
                </p>
                <p
                  className={`whitespace-pre-wrap rounded-2xl px-3.5 py-2 text-left text-sm shadow-sm ${
                    outbound ? 'rounded-br-sm bg-brand-600 text-white' : 'rounded-bl-sm bg-white text-slate-800 ring-1 ring-slate-200'
                  }`}
                >
                  {m.text}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
