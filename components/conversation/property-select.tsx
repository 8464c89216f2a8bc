'use client';

import { useEffect, useId, useState } from 'react';
import { updateConversationAction } from '@/lib/actions/conversations';
import { useConversationAction } from '@/lib/query/conversations';
import { dangerButton, errorFor, FieldError, labelClass, secondaryButton, selectClass } from '@/components/ui/controls';

type Name = 'status' | 'priority';

/**
 * A property saved as soon as it is chosen. A value named in `confirm` (closing: it is final)
 * asks once more before it is sent.
 */
export function PropertySelect<V extends string>({
  conversationId,
  name,
  label,
  value,
  options,
  confirm,
}: {
  conversationId: string;
  name: Name;
  label: string;
  value: V;
  options: { value: V; label: string }[];
  confirm?: { value: V; question: string; button: string };
}) {
  const id = useId();
  const update = useConversationAction(updateConversationAction);
  // The choice shown until the page brings the saved value (or the save fails).
  const [choice, setChoice] = useState<V | null>(null);
  useEffect(() => setChoice(null), [value]);
  const awaitingConfirm = confirm && choice === confirm.value && !update.pending;

  async function save(next: V) {
    const result = await update.run({ conversationId, [name]: next });
    if (!result?.ok) setChoice(null);
  }

  const error = errorFor(update.error, name);
  // The confirmation spans the whole row of the grid it sits in (col-span-full), not just this field's column.
  return (
    <>
      <div>
        <label htmlFor={`${id}-select`} className={labelClass}>
          {label}
        </label>
        <select
          id={`${id}-select`}
          value={choice ?? value}
          disabled={update.pending}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            const next = e.target.value as V;
            setChoice(next);
            if (next !== confirm?.value) void save(next);
          }}
          className={`mt-1 ${selectClass}`}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-error`} message={error} />
      </div>
      {awaitingConfirm && (
        <div role="group" aria-label={confirm.question} className="col-span-full rounded-md bg-amber-50 p-2.5 text-sm text-amber-900 ring-1 ring-amber-200">
          <p>{confirm.question}</p>
          <div className="mt-2 flex gap-2">
            <button type="button" className={dangerButton} onClick={() => void save(confirm.value)}>
              {confirm.button}
            </button>
            <button type="button" className={secondaryButton} onClick={() => setChoice(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </>
  );
}
