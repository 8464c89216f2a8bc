'use client';

import { useId, useState, useTransition } from 'react';
import { setUserCapacityAction } from '@/lib/actions/users';
import { CAPACITY_MAX, CAPACITY_MIN } from '@/lib/validation/agents';
import { errorFor, FieldError, inputClass, secondaryButton } from '@/components/ui/controls';

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/**
 * An agent's capacity: a whole number, or empty for unlimited. Saved with its button (or Enter);
 * the server checks the range and the role, and a refusal shows under the field.
 */
export function CapacityField({ userId, name, capacity }: { userId: string; name: string; capacity: number | null }) {
  const id = useId();
  const saved = capacity === null ? '' : String(capacity);
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const shown = value ?? saved;

  function save() {
    const text = shown.trim();
    // Anything but empty goes to the server as a number (NaN included), so the refusal is the server's.
    const next = text === '' ? null : Number(text);
    startTransition(async () => {
      const res = await setUserCapacityAction({ userId, capacity: next }).catch(() => null);
      if (res?.ok) {
        setValue(null);
        setError(null);
      } else setError(res ? errorFor(res.error, 'capacity') : UNREACHABLE);
    });
  }

  return (
    <form
      className="w-40 max-w-full"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="flex items-center gap-1.5">
        <label htmlFor={`${id}-capacity`} className="sr-only">
          Capacity of {name}
        </label>
        <input
          id={`${id}-capacity`}
          inputMode="numeric"
          placeholder="Unlimited"
          value={shown}
          disabled={pending}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          className={`${inputClass} w-20 text-xs`}
        />
        <button type="submit" disabled={pending || shown === saved} className={`${secondaryButton} px-2 py-0.5 text-xs`}>
          {pending ? 'Saving…' : 'Save'}
          <span className="sr-only"> capacity of {name}</span>
        </button>
      </div>
      <p id={`${id}-hint`} className="sr-only">
        Open conversations auto-assignment may give them, {CAPACITY_MIN} to {CAPACITY_MAX}; empty for unlimited.
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </form>
  );
}
