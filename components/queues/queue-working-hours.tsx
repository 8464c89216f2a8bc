'use client';

import { useId } from 'react';
import { updateQueueAction } from '@/lib/actions/queues';
import { FieldError, labelClass, selectClass } from '@/components/ui/controls';
import { useActionRunner } from '@/components/ui/use-action-runner';
import type { QueueCardData, WorkingHoursChoice } from './types';

/** The working hours the queue follows: a select for managers, the name for the others. */
export function QueueWorkingHours({ queue, choices, canManage }: { queue: QueueCardData; choices: WorkingHoursChoice[]; canManage: boolean }) {
  const id = useId();
  const { error, pending, run } = useActionRunner();
  const current = choices.find((c) => c.id === queue.workingHoursId);

  if (!canManage) {
    return <p className="mt-4 text-xs text-slate-500">Working hours: {current ? `${current.name} (${current.timezone})` : 'none'}</p>;
  }
  return (
    <div className="mt-4">
      <label htmlFor={`${id}-hours`} className={labelClass}>
        Working hours
      </label>
      <select
        id={`${id}-hours`}
        value={queue.workingHoursId ?? ''}
        disabled={pending}
        aria-label={`Working hours of ${queue.name}`}
        onChange={(e) => run(() => updateQueueAction({ queueId: queue.id, workingHoursId: e.target.value || null }))}
        className={`mt-1 ${selectClass}`}
      >
        <option value="">None</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.timezone})
          </option>
        ))}
      </select>
      <FieldError message={error} />
    </div>
  );
}
