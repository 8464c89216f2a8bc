'use client';

import { useEffect, useId, useState } from 'react';
import { assignConversationAction } from '@/lib/actions/conversations';
import { useConversationAction } from '@/lib/query/conversations';
import type { Availability } from '@/lib/generated/prisma/enums';
import { availabilityLabel } from '@/lib/format';
import { errorFor, FieldError, labelClass, selectClass } from '@/components/ui/controls';
import { useHydrated } from '@/components/ui/use-hydrated';

export type AssignableAgent = { id: string; name: string; availability: Availability; disconnected: boolean };

// A native select, so it needs nothing extra to be used from the keyboard or a screen reader.
const UNASSIGNED = '';

/** The "Assigned Agent" dropdown (SPEC §4): assigns as soon as a choice is made. */
export function AssigneeSelect({
  conversationId,
  current,
  agents,
  closed,
}: {
  conversationId: string;
  current: { id: string; name: string; availability: Availability } | null;
  agents: AssignableAgent[];
  closed: boolean;
}) {
  const id = useId();
  const hydrated = useHydrated();
  const assign = useConversationAction(assignConversationAction);
  // The choice shown until the page brings the saved assignee (or the assignment is refused).
  const [choice, setChoice] = useState<string | null>(null);
  useEffect(() => setChoice(null), [current?.id]);

  // The current assignee may have left the pool (removed as collaborator, disabled); still show who it is.
  const options = current && !agents.some((a) => a.id === current.id) ? [...agents, { ...current, stale: true }] : agents;
  const error = errorFor(assign.error, 'agentId');

  return (
    <div>
      <label htmlFor={`${id}-select`} className={labelClass}>
        Assigned Agent
      </label>
      <select
        id={`${id}-select`}
        value={choice ?? current?.id ?? UNASSIGNED}
        disabled={closed || assign.pending || !hydrated}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={async (e) => {
          const next = e.target.value;
          setChoice(next);
          const result = await assign.run({ conversationId, agentId: next === UNASSIGNED ? null : next });
          if (!result?.ok) setChoice(null);
        }}
        className={`mt-1 ${selectClass}`}
      >
        <option value={UNASSIGNED}>Unassigned</option>
        {options.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} — {availabilityLabel(a.availability, 'disconnected' in a && a.disconnected)}
            {'stale' in a ? ' (no longer eligible)' : ''}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
