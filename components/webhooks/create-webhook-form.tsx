'use client';

import { useId, useState, useTransition } from 'react';
import { createWebhookAction } from '@/lib/actions/webhooks';
import type { ActionError } from '@/lib/actions/result';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENT_WORDS, type WebhookEventType } from '@/lib/webhooks/events';
import { errorFor, FieldError, inputClass, labelClass, primaryButton } from '@/components/ui/controls';
import { NewSecretBox } from './new-secret-box';

const UNREACHABLE: ActionError = { code: 'INTERNAL', message: 'Could not reach the server. Check your connection and try again.' };

export type FilterOption = { id: string; name: string };

/** URL + event types (+ optional inbox and queue filters) → a subscription, its secret shown once. */
export function CreateWebhookForm({ inboxes, queues }: { inboxes: FilterOption[]; queues: FilterOption[] }) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<Set<WebhookEventType>>(new Set(['conversation.routed']));
  const [inboxIds, setInboxIds] = useState<Set<string>>(new Set());
  const [queueIds, setQueueIds] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ActionError | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const toggle = <T,>(set: Set<T>, value: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  function submit() {
    startTransition(async () => {
      const result = await createWebhookAction({ url, events: [...events], inboxIds: [...inboxIds], queueIds: [...queueIds] }).catch(() => null);
      if (result?.ok) {
        setCreated({ url: result.data.url ?? url, secret: result.data.secret });
        setUrl('');
        setError(null);
      } else setError(result ? result.error : UNREACHABLE);
    });
  }

  if (created) return <NewSecretBox url={created.url} secret={created.secret} onDone={() => setCreated(null)} />;
  const urlError = errorFor(error, 'url');
  return (
    <form
      aria-label="New webhook"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div>
        <label htmlFor={`${id}-url`} className={labelClass}>
          Target URL
        </label>
        <input
          id={`${id}-url`}
          type="url"
          required
          placeholder="https://bot.example.com/switchboard"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={!!error?.fields?.url}
          aria-describedby={urlError ? `${id}-url-error` : undefined}
          className={`mt-1 ${inputClass}`}
        />
        {error?.fields?.url && <FieldError id={`${id}-url-error`} message={urlError} />}
      </div>
      <fieldset>
        <legend className={labelClass}>Events</legend>
        <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((t) => (
            <label key={t} className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" className="mt-1" checked={events.has(t)} onChange={(e) => setEvents(toggle(events, t, e.target.checked))} />
              <span>
                <code className="text-xs font-semibold text-slate-900">{t}</code> <span className="text-slate-500">— {WEBHOOK_EVENT_WORDS[t]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        {[
          { legend: 'Only these inboxes (none: all)', options: inboxes, set: inboxIds, put: setInboxIds },
          { legend: 'Only these queues (none: all)', options: queues, set: queueIds, put: setQueueIds },
        ].map((f) => (
          <fieldset key={f.legend}>
            <legend className={labelClass}>{f.legend}</legend>
            <div className="mt-1 max-h-32 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
              {f.options.map((o) => (
                <label key={o.id} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={f.set.has(o.id)} onChange={(e) => f.put(toggle(f.set, o.id, e.target.checked))} />
                  {o.name}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      {error && !error.fields?.url && <FieldError message={errorFor(error, 'events', 'inboxIds', 'queueIds')} />}
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? 'Creating…' : 'Create webhook'}
      </button>
    </form>
  );
}
