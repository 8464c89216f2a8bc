'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { deleteWebhookAction, updateWebhookAction } from '@/lib/actions/webhooks';
import { dangerButton, FieldError, secondaryButton } from '@/components/ui/controls';

export type WebhookSettings = { id: string; url: string; events: string[]; inboxIds: string[]; queueIds: string[]; enabled: boolean; paused: boolean };

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/** Enable, disable or resume (a paused one is resumed by enabling it again), and delete after asking. */
export function WebhookControls({ webhook }: { webhook: WebhookSettings }) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { id, url, events, inboxIds, queueIds } = webhook;

  function setEnabled(enabled: boolean) {
    startTransition(async () => {
      // `events` are the stored types; the action parses them again.
      const result = await updateWebhookAction({ webhookId: id, url, events: events as never, inboxIds, queueIds, enabled }).catch(() => null);
      setError(result?.ok ? null : result ? result.error.message : UNREACHABLE);
    });
  }

  function remove() {
    startTransition(async () => {
      const result = await deleteWebhookAction({ webhookId: id }).catch(() => null);
      if (result?.ok) dialog.current?.close();
      else setError(result ? result.error.message : UNREACHABLE);
    });
  }

  const action = webhook.paused && webhook.enabled ? 'Resume' : webhook.enabled ? 'Disable' : 'Enable';
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={secondaryButton} disabled={pending} onClick={() => setEnabled(action !== 'Disable')} aria-label={`${action} webhook ${url}`}>
        {action}
      </button>
      <button
        type="button"
        className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
        aria-label={`Delete webhook ${url}`}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        Delete
      </button>
      <FieldError message={error} />
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-xl border border-slate-200 p-6 text-left shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="break-all text-base font-semibold text-slate-900">
          Delete the webhook for {url}?
        </h2>
        <p className="mt-2 text-sm text-slate-600">Nothing more is sent to it, and its delivery log is deleted with it.</p>
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </button>
          <button type="button" className={dangerButton} onClick={remove} disabled={pending}>
            {pending ? 'Deleting…' : 'Delete webhook'}
          </button>
        </div>
      </dialog>
    </div>
  );
}
