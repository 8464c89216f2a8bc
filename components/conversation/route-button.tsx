'use client';

import { useId } from 'react';
import { routeConversationAction } from '@/lib/actions/conversations';
import { useConversationAction } from '@/lib/query/conversations';
import { FieldError, secondaryButton } from '@/components/ui/controls';

/** "Route" (SPEC §3, §6): sends the conversation back to routing; the page then shows its new queue, assignee and timeline. */
export function RouteButton({ conversationId, closed }: { conversationId: string; closed: boolean }) {
  const id = useId();
  const route = useConversationAction(routeConversationAction);
  return (
    <div>
      <button
        type="button"
        className={`${secondaryButton} w-full`}
        disabled={closed || route.pending}
        onClick={() => void route.run({ conversationId })}
        aria-describedby={`${id}-hint${route.error ? ` ${id}-error` : ''}`}
      >
        {route.pending ? 'Routing…' : 'Route'}
      </button>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        Unassigns it and runs the routes again, then auto-assignment.
      </p>
      <FieldError id={`${id}-error`} message={route.error?.message} />
    </div>
  );
}
