'use client';

import { useId, useState, useTransition } from 'react';
import { createQueueAction } from '@/lib/actions/queues';
import { FieldError, inputClass, labelClass, primaryButton } from '@/components/ui/controls';
import { CharCount, limitMessage } from '@/components/ui/char-count';
import { QUEUE_NAME_MAX } from '@/lib/validation/routing';
import { UNREACHABLE } from './types';

/** Name → a new, empty queue. Routes and members are added afterwards. */
export function CreateQueueForm() {
  const id = useId();
  const [name, setName] = useState('');
  const tooLong = limitMessage(name.trim(), QUEUE_NAME_MAX);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit() {
    startTransition(async () => {
      const res = await createQueueAction({ name }).catch(() => null);
      if (res?.ok) {
        setCreated(res.data.name);
        setName('');
        setError(null);
      } else {
        setCreated(null);
        setError(res ? (res.error.fields?.name?.[0] ?? res.error.message) : UNREACHABLE);
      }
    });
  }

  return (
    <form
      noValidate
      aria-label="Create a queue"
      className="flex flex-wrap items-start gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="w-72">
        <label htmlFor={`${id}-name`} className={labelClass}>
          New queue name
        </label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Returns"
          aria-invalid={error || tooLong ? true : undefined}
          aria-describedby={`${id}-count${error || tooLong ? ` ${id}-error` : ''}`}
          className={`mt-1 ${inputClass}`}
        />
        <CharCount id={`${id}-count`} value={name} max={QUEUE_NAME_MAX} />
        <FieldError id={`${id}-error`} message={tooLong ?? error} />
      </div>
      <div className="mt-5 flex items-center gap-3">
        <button type="submit" className={primaryButton} disabled={pending || !!tooLong}>
          {pending ? 'Creating…' : 'Create queue'}
        </button>
        {created && (
          <span role="status" className="text-sm text-emerald-700">
            Queue “{created}” created.
          </span>
        )}
      </div>
    </form>
  );
}
