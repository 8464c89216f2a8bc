import type { Message } from '@/lib/generated/prisma/client';
import { RelativeTime } from '@/components/ui/relative-time';

type ThreadMessage = Pick<Message, 'id' | 'direction' | 'authorType' | 'from' | 'text' | 'createdAt'> & { author: { name: string } | null };

function authorOf(m: ThreadMessage, customerName: string | null): string {
  if (m.direction === 'INBOUND') return customerName ?? m.from ?? 'Customer';
  if (m.author) return m.author.name;
  return m.authorType === 'BOT' ? 'Bot' : m.authorType === 'SYSTEM' ? 'System' : 'Team';
}

/** The conversation as a chat: the customer on the left, the team (agents, bots) on the right. */
export function MessageThread({ messages, customerName, now, hiddenEarlier }: { messages: ThreadMessage[]; customerName: string | null; now: Date; hiddenEarlier: number }) {
  if (messages.length === 0) {
    return <p className="py-8 text-center text-sm text-slate-600">No messages yet.</p>;
  }
  return (
    <div>
      {hiddenEarlier > 0 && (
        <p className="mb-3 text-center text-xs text-slate-600">
          {hiddenEarlier === 1 ? '1 earlier message is not shown.' : `${hiddenEarlier} earlier messages are not shown.`}
        </p>
      )}
      <ol aria-label="Messages" className="space-y-4">
        {messages.map((m) => {
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
