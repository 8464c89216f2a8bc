'use client';

import { useId } from 'react';
import { assignConversationAction } from '@/lib/actions/conversations';
import { useConversationAction } from '@/lib/query/conversations';
import { errorFor, FieldError } from '@/components/ui/controls';
import type { TakerScope } from '@/lib/domain/assignment/pool';

/** Who the signed-in user may take (SPEC §4 manual pool, lib/domain/assignment/pool.ts), so rows offer "Assign to me" only where it can succeed; the server still decides. */
export type Taker = TakerScope;

export function mayTake(me: Taker, c: { status: string; agent: unknown; inbox: { id: string } | null; queue: { id: string } | null }): boolean {
  if (c.agent || (c.status !== 'OPEN' && c.status !== 'WAITING')) return false;
  return me.anyConversation || (!!c.inbox && me.inboxIds.includes(c.inbox.id)) || (!!c.queue && me.queueIds.includes(c.queue.id));
}

/** Takes the conversation (its row gives the button its context, so the name stays the visible words); a refusal (someone was quicker, rights changed) is shown under the button. */
export function AssignToMeButton({ conversationId, userId }: { conversationId: string; userId: string }) {
  const id = useId();
  const assign = useConversationAction(assignConversationAction);
  const error = errorFor(assign.error, 'agentId');
  return (
    <div>
      <button
        type="button"
        disabled={assign.pending}
        onClick={() => void assign.run({ conversationId, agentId: userId })}
        aria-describedby={error ? `${id}-error` : undefined}
        className="rounded border border-brand-300 bg-white px-2 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-50"
      >
        {assign.pending ? 'Assigning…' : 'Assign to me'}
      </button>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
