'use client';

import Link from 'next/link';
import { useId, useRef, useState, useTransition } from 'react';
import { deleteQueueAction } from '@/lib/actions/queues';
import { dangerButton, secondaryButton } from '@/components/ui/controls';
import { UNREACHABLE } from './types';

/** Deleting asks first, in a modal dialog; a refusal (routes still point here) is shown in it, with the way to fix it. */
export function DeleteQueueButton({ id, name }: { id: string; name: string }) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [refusal, setRefusal] = useState<{ message: string; routes: boolean } | null>(null);
  const [pending, startTransition] = useTransition();

  function remove() {
    startTransition(async () => {
      const res = await deleteQueueAction({ queueId: id }).catch(() => null);
      if (res?.ok) dialog.current?.close();
      else setRefusal(res ? { message: res.error.message, routes: !!res.error.fields?.routes } : { message: UNREACHABLE, routes: false });
    });
  }

  return (
    <>
      <button
        type="button"
        className="rounded-md px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
        aria-label={`Delete queue ${name}`}
        onClick={() => {
          setRefusal(null);
          dialog.current?.showModal();
        }}
      >
        Delete
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-xl border border-slate-200 p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Delete queue “{name}”?
        </h2>
        <p className="mt-2 text-sm text-slate-600">Its conversations keep everything else but lose the queue. Its members stay in their other queues.</p>
        {refusal && (
          <div role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <p className="font-medium">Not deleted.</p>
            <p>{refusal.message}</p>
            {refusal.routes && (
              <Link href="/routes" className="mt-1 inline-block font-medium text-red-800 underline">
                Open the routes
              </Link>
            )}
          </div>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={() => dialog.current?.close()} autoFocus>
            {refusal ? 'Close' : 'Cancel'}
          </button>
          {!refusal?.routes && (
            <button type="button" className={dangerButton} onClick={remove} disabled={pending}>
              {pending ? 'Deleting…' : 'Delete queue'}
            </button>
          )}
        </div>
      </dialog>
    </>
  );
}
