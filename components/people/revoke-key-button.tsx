'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { revokeApiKeyAction } from '@/lib/actions/api-keys';
import { dangerButton, FieldError, secondaryButton } from '@/components/ui/controls';

/** Revoking is immediate and final, so it asks first, in a modal dialog (focus stays inside; Escape cancels). */
export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function revoke() {
    startTransition(async () => {
      const result = await revokeApiKeyAction({ keyId: id }).catch(() => null);
      if (result?.ok) dialog.current?.close();
      else setError(result ? result.error.message : 'Could not reach the server. Check your connection and try again.');
    });
  }

  return (
    <>
      <button
        type="button"
        className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
        aria-label={`Revoke key ${name}`}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        Revoke
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-xl border border-slate-200 p-6 text-left shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Revoke “{name}”?
        </h2>
        <p className="mt-2 text-sm text-slate-600">Clients using this key are refused from now on. This cannot be undone.</p>
        <FieldError message={error} />
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </button>
          <button type="button" className={dangerButton} onClick={revoke} disabled={pending}>
            {pending ? 'Revoking…' : 'Revoke key'}
          </button>
        </div>
      </dialog>
    </>
  );
}
