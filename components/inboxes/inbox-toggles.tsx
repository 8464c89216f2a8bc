'use client';

import { useEffect, useId, useState, useTransition } from 'react';
import { setInboxTogglesAction } from '@/lib/actions/inboxes';
import { FieldError } from '@/components/ui/controls';
import { UNREACHABLE } from '@/components/ui/use-action-runner';

type Toggles = { autoAssign: boolean; reassignOnOffline: boolean };

const SWITCHES: { key: keyof Toggles; label: string; hint: string }[] = [
  { key: 'autoAssign', label: 'Auto-assignment', hint: 'New and routed conversations go round robin to the collaborators.' },
  { key: 'reassignOnOffline', label: 'Reassign when an agent goes offline', hint: 'Their open and waiting conversations go to the others who are online.' },
];

/** Saved as soon as one is flipped; the box shows the new state at once and flips back if refused. */
export function InboxToggles({ inboxId, inboxName, ...saved }: Toggles & { inboxId: string; inboxName: string }) {
  const id = useId();
  const [shown, setShown] = useState<Toggles | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // A click before the script runs would flip the box and then be undone by hydration, unsaved.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const state = shown ?? saved;

  function flip(key: keyof Toggles, value: boolean) {
    setShown({ ...state, [key]: value });
    startTransition(async () => {
      const res = await setInboxTogglesAction({ inboxId, [key]: value }).catch(() => null);
      // The page re-renders with the saved values; until then (or on refusal) drop the local copy.
      setShown(null);
      setError(res?.ok ? null : (res?.error.message ?? UNREACHABLE));
    });
  }

  return (
    <fieldset className="space-y-2">
      <legend className="sr-only">Assignment settings of {inboxName}</legend>
      {SWITCHES.map((s) => (
        <div key={s.key} className="flex items-start gap-2">
          <input
            id={`${id}-${s.key}`}
            type="checkbox"
            role="switch"
            checked={state[s.key]}
            disabled={pending || !ready}
            onChange={(e) => flip(s.key, e.target.checked)}
            aria-describedby={`${id}-${s.key}-hint`}
            className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-2 focus:ring-brand-500/40"
          />
          <div>
            <label htmlFor={`${id}-${s.key}`} className="text-sm font-medium text-slate-800">
              {s.label}
            </label>
            <p id={`${id}-${s.key}-hint`} className="text-xs text-slate-500">
              {s.hint}
            </p>
          </div>
        </div>
      ))}
      <FieldError message={error} />
    </fieldset>
  );
}
