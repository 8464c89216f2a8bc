'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { deleteWorkingHoursAction } from '@/lib/actions/working-hours';
import { dangerButton, secondaryButton } from '@/components/ui/controls';
import { UNREACHABLE } from '@/components/ui/use-action-runner';

/** Deleting asks first, in a modal dialog; a refusal (queues still follow them) is shown in it. */
export function DeleteWorkingHoursButton({ id, name }: { id: string; name: string }) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function remove() {
    startTransition(async () => {
      const res = await deleteWorkingHoursAction({ id }).catch(() => null);
      if (res?.ok) dialog.current?.close();
      else setRefusal(res ? res.error.message : UNREACHABLE);
    });
  }

  return (
    <>
      <button
        type="button"
        className="rounded-md px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
        aria-label={`Delete working hours ${name}`}
        onClick={() => {
          setRefusal(null);
          dialog.current?.showModal();
        }}
      >
        Delete
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-xl border border-slate-200 p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Delete working hours “{name}”?
        </h2>
        <p className="mt-2 text-sm text-slate-600">Their holidays go with them. Queues that follow them must be given other working hours first.</p>
        {refusal && (
          <div role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <p className="font-medium">Not deleted.</p>
            <p>{refusal}</p>
          </div>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={() => dialog.current?.close()} autoFocus>
            {refusal ? 'Close' : 'Cancel'}
          </button>
          {!refusal && (
            <button type="button" className={dangerButton} onClick={remove} disabled={pending}>
              {pending ? 'Deleting…' : 'Delete working hours'}
            </button>
          )}
        </div>
      </dialog>
    </>
  );
}
