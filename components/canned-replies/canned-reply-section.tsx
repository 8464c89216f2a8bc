'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { deleteCannedReplyAction } from '@/lib/actions/canned-replies';
import { dangerButton, primaryButton, secondaryButton } from '@/components/ui/controls';
import { cannedKeys } from '@/components/conversation/canned-popover';
import { CannedReplyForm } from './canned-reply-form';
import type { CannedReplyData, CannedScope } from './types';

/** One scope's replies: each with Edit and Delete (asked twice) where the viewer may change them, and "New reply". */
export function CannedReplySection({ scope, title, description, replies, canEdit }: { scope: CannedScope; title: string; description: string; replies: CannedReplyData[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const headingId = `canned-${scope.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div>
          <h2 id={headingId} className="text-sm font-semibold text-slate-900">
            {title}
          </h2>
          <p className="text-xs text-slate-500">{description}</p>
        </div>
        {canEdit && editing !== 'new' && (
          <button type="button" className={primaryButton} onClick={() => setEditing('new')}>
            New {scope === 'SHARED' ? 'shared' : 'personal'} reply
          </button>
        )}
      </div>
      {editing === 'new' && (
        <div className="border-b border-slate-100 px-4 py-3">
          <CannedReplyForm scope={scope} onDone={() => setEditing(null)} />
        </div>
      )}
      {replies.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-500">None yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={title}>
          {replies.map((r) =>
            editing === r.id ? (
              <li key={r.id} className="px-4 py-3">
                <CannedReplyForm scope={scope} reply={r} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <Row key={r.id} reply={r} canEdit={canEdit} onEdit={() => setEditing(r.id)} />
            ),
          )}
        </ul>
      )}
    </section>
  );
}

function Row({ reply, canEdit, onEdit }: { reply: CannedReplyData; canEdit: boolean; onEdit: () => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      const res = await deleteCannedReplyAction(reply.scope, { id: reply.id }).catch(() => null);
      if (!res?.ok) return setError(res?.error.message ?? 'Could not reach the server. Check your connection and try again.');
      void queryClient.invalidateQueries({ queryKey: cannedKeys.all });
      router.refresh();
    });
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <p className="font-medium text-slate-900">{reply.title}</p>
        <p className="mt-0.5 text-sm break-words whitespace-pre-wrap text-slate-700">{reply.body}</p>
        {reply.createdBy && reply.scope === 'SHARED' && <p className="mt-0.5 text-xs text-slate-500">Written by {reply.createdBy}</p>}
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
      {canEdit && (
        <div className="flex shrink-0 gap-2">
          {confirming ? (
            <>
              <button type="button" className={dangerButton} disabled={pending} onClick={remove} aria-label={`Delete ${reply.title} for good`}>
                {pending ? 'Deleting…' : 'Delete for good'}
              </button>
              <button type="button" className={secondaryButton} disabled={pending} onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <>
              <button type="button" className={secondaryButton} onClick={onEdit} aria-label={`Edit ${reply.title}`}>
                Edit
              </button>
              <button type="button" className={secondaryButton} onClick={() => setConfirming(true)} aria-label={`Delete ${reply.title}`}>
                Delete
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
