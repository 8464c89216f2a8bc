'use client';

import { useId, useState } from 'react';
import { snoozeConversationAction, unsnoozeConversationAction } from '@/lib/actions/bulk';
import { useConversationAction } from '@/lib/query/conversations';
import { errorFor, FieldError, inputClass, labelClass, secondaryButton } from '@/components/ui/controls';
import { LocalTime } from '@/components/ui/local-time';
import { SNOOZE_PRESETS, fromLocalInput, toLocalInput } from './snooze-presets';

/**
 * Snooze on the conversation page: presets in the agent's own clock or a time of their choosing.
 * Snoozed, it says until when and offers to end it. The page shows the change when the action
 * returns; the sweep's wake-up arrives over the live channel.
 */
export function SnoozeControl({ conversationId, snoozedUntil }: { conversationId: string; snoozedUntil: string | null }) {
  const id = useId();
  const snooze = useConversationAction(snoozeConversationAction);
  const unsnooze = useConversationAction(unsnoozeConversationAction);
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const [customError, setCustomError] = useState<string | null>(null);
  const pending = snooze.pending || unsnooze.pending;

  async function snoozeUntil(at: Date) {
    const result = await snooze.run({ conversationId, until: at.toISOString() });
    if (result?.ok) {
      setOpen(false);
      setCustom('');
    }
  }

  function snoozeCustom() {
    const at = fromLocalInput(custom);
    if (!at) return setCustomError('Choose a date and time.');
    if (at.getTime() <= Date.now()) return setCustomError('Choose a time in the future.');
    setCustomError(null);
    void snoozeUntil(at);
  }

  if (snoozedUntil) {
    return (
      <div className="rounded-md bg-violet-50 px-3 py-2 text-sm text-violet-900" data-testid="snooze-state">
        <p>
          Snoozed until <LocalTime date={snoozedUntil} className="font-medium" />. It comes back sooner if the customer writes.
        </p>
        <button type="button" className={`${secondaryButton} mt-2`} disabled={pending} onClick={() => void unsnooze.run({ conversationId })}>
          {unsnooze.pending ? 'Unsnoozing…' : 'Unsnooze'}
        </button>
        <FieldError message={unsnooze.error?.message} />
      </div>
    );
  }

  const error = snooze.error ? errorFor(snooze.error, 'until') : null;
  return (
    <div>
      <button type="button" className={`${secondaryButton} w-full`} aria-expanded={open} aria-controls={`${id}-menu`} onClick={() => setOpen(!open)}>
        Snooze…
      </button>
      {open && (
        <div id={`${id}-menu`} role="group" aria-label="Snooze until" className="mt-2 space-y-2 rounded-md border border-slate-200 p-3">
          <div className="flex flex-wrap gap-2">
            {SNOOZE_PRESETS.map((p) => (
              <button key={p.id} type="button" className={secondaryButton} disabled={pending} onClick={() => void snoozeUntil(p.at(new Date()))}>
                {p.label}
              </button>
            ))}
          </div>
          <div>
            <label htmlFor={`${id}-custom`} className={labelClass}>
              Until a time of your choosing
            </label>
            <div className="mt-1 flex flex-wrap gap-2">
              <input
                id={`${id}-custom`}
                type="datetime-local"
                value={custom}
                min={toLocalInput(new Date())}
                onChange={(e) => setCustom(e.target.value)}
                aria-invalid={customError ? true : undefined}
                aria-describedby={customError ? `${id}-custom-error` : undefined}
                className={`${inputClass} w-auto min-w-0 flex-1`}
              />
              <button type="button" className={secondaryButton} disabled={pending || !custom} onClick={snoozeCustom}>
                Snooze
              </button>
            </div>
            <FieldError id={`${id}-custom-error`} message={customError} />
          </div>
          <p className="text-xs text-slate-500">It waits until then, out of the inbox, and comes back as Open, sooner if the customer writes.</p>
          <FieldError message={error} />
        </div>
      )}
    </div>
  );
}
