'use client';
import { addMemberAction, removeMemberAction } from '@/lib/actions/queues';
import { AvailabilityDot } from '@/components/ui/badges';
import { FieldError } from '@/components/ui/controls';
import { AddPersonForm } from '@/components/ui/add-person-form';
import { useActionRunner } from '@/components/ui/use-action-runner';
import type { Candidate, QueueCardData } from './types';

/** Who works the queue; managers add anyone enabled who is not a member yet, and remove members. */
export function QueueMembers({ queue, candidates, canManage }: { queue: QueueCardData; candidates: Candidate[]; canManage: boolean }) {
  const { error, pending, run } = useActionRunner();
  const memberIds = new Set(queue.members.map((m) => m.id));
  const addable = candidates.filter((c) => !memberIds.has(c.id));


  return (
    <div className="mt-4">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Members</h3>
      {queue.members.length ? (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label={`Members of ${queue.name}`}>
          {queue.members.map((m) => (
            <li key={m.id} className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 py-1 pl-2.5 pr-1 text-xs text-slate-700">
              <AvailabilityDot availability={m.availability} />
              {m.name}
              {canManage ? (
                <button
                  type="button"
                  aria-label={`Remove ${m.name} from ${queue.name}`}
                  disabled={pending}
                  onClick={() => run(() => removeMemberAction({ queueId: queue.id, agentId: m.id }))}
                  className="rounded-full px-1 text-slate-600 hover:bg-slate-200 hover:text-red-700"
                >
                  ×
                </button>
              ) : (
                <span className="pr-1.5" />
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-500">No members.</p>
      )}
      {canManage && (
        <AddPersonForm
          label={`Add a member to ${queue.name}`}
          placeholder="Add a member…"
          people={addable}
          pending={pending}
          onAdd={(chosen, clear) => run(() => addMemberAction({ queueId: queue.id, agentId: chosen }), clear)}
        />
      )}
      <FieldError message={error} />
    </div>
  );
}
