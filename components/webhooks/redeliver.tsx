'use client';

import { useId, useState, useTransition } from 'react';
import { redeliverAction, redeliverRangeAction } from '@/lib/actions/webhooks';
import { FieldError, inputClass, labelClass, secondaryButton } from '@/components/ui/controls';

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/** Sends one delivery's event again (same event id). */
export function RedeliverButton({ webhookId, deliveryId, label }: { webhookId: string; deliveryId: string; label: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex flex-col items-end">
      <button
        type="button"
        className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
        aria-label={`Redeliver ${label}`}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await redeliverAction({ webhookId, deliveryId }).catch(() => null);
            setDone(!!result?.ok);
            setError(result?.ok ? null : result ? result.error.message : UNREACHABLE);
          })
        }
      >
        {pending ? 'Queuing…' : 'Redeliver'}
      </button>
      <span aria-live="polite" className="text-xs text-slate-500">
        {done ? 'Queued' : ''}
      </span>
      <FieldError message={error} />
    </span>
  );
}

/** Sends again every event of a time range (e.g. after the receiver was down). Times are the browser's. */
export function RedeliverRangeForm({ webhookId }: { webhookId: string }) {
  const id = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      aria-label="Redeliver a time range"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await redeliverRangeAction({ webhookId, from: new Date(from).toISOString(), to: new Date(to).toISOString() }).catch(() => null);
          if (result?.ok) {
            setMessage(`${result.data.count} ${result.data.count === 1 ? 'delivery' : 'deliveries'} queued again.`);
            setError(null);
          } else {
            setMessage(null);
            setError(result ? (result.error.fields?.to?.[0] ?? result.error.message) : UNREACHABLE);
          }
        });
      }}
    >
      <div>
        <label htmlFor={`${id}-from`} className={labelClass}>
          From
        </label>
        <input id={`${id}-from`} type="datetime-local" required value={from} onChange={(e) => setFrom(e.target.value)} className={`mt-1 ${inputClass}`} />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className={labelClass}>
          To
        </label>
        <input id={`${id}-to`} type="datetime-local" required value={to} onChange={(e) => setTo(e.target.value)} className={`mt-1 ${inputClass}`} />
      </div>
      <button type="submit" className={secondaryButton} disabled={pending}>
        Redeliver range
      </button>
      <p aria-live="polite" className="w-full text-sm text-slate-600">
        {message}
      </p>
      <FieldError message={error} />
    </form>
  );
}
