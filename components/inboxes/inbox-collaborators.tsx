'use client';

import { useId } from 'react';
import { addCollaboratorAction, removeCollaboratorAction } from '@/lib/actions/inboxes';
import type { InboxRow } from '@/lib/domain/inboxes';
import type { Role } from '@/lib/generated/prisma/enums';
import { ROLE_LABEL } from '@/lib/access/roles';
import { AVAILABILITY_LABEL } from '@/lib/format';
import { AvailabilityDot } from '@/components/ui/badges';
import { FieldError } from '@/components/ui/controls';
import { AddPersonForm } from '@/components/ui/add-person-form';
import { useActionRunner } from '@/components/ui/use-action-runner';


/**
 * Collaborators in the order round robin serves them (who waited longest for a turn first), the
 * next ONLINE one marked. Admins add any enabled user who is not one yet, and remove.
 */
export function InboxCollaborators({ inbox, candidates }: { inbox: InboxRow; candidates: { id: string; name: string; role: Role }[] }) {
  const id = useId();
  const { error, pending, run } = useActionRunner();
  const current = new Set(inbox.collaborators.map((c) => c.userId));
  const addable = candidates.filter((c) => !current.has(c.id));


  return (
    <div className="mt-4 border-t border-slate-100 pt-3">
      <h3 id={`${id}-heading`} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Collaborators, in round-robin order
      </h3>
      {inbox.collaborators.length ? (
        <ol className="mt-2 divide-y divide-slate-100" aria-label={`Collaborators of ${inbox.name}`}>
          {inbox.collaborators.map((c, i) => (
            <li key={c.userId} className="flex items-center gap-2 py-1.5 text-sm" data-testid="collaborator">
              <span className="w-5 text-right text-xs tabular-nums text-slate-500">{i + 1}.</span>
              <AvailabilityDot availability={c.availability} />
              <span className={c.enabled ? 'text-slate-800' : 'text-slate-500 line-through'}>{c.name}</span>
              <span className="text-xs text-slate-500">
                {c.enabled ? AVAILABILITY_LABEL[c.availability] : 'Disabled'}
                {c.role !== 'AGENT' ? ` · ${ROLE_LABEL[c.role]}` : ''}
              </span>
              {c.next && <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Next</span>}
              <button
                type="button"
                aria-label={`Remove ${c.name} from ${inbox.name}`}
                disabled={pending}
                onClick={() => run(() => removeCollaboratorAction({ inboxId: inbox.id, userId: c.userId }))}
                className="ml-auto rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-red-700"
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-2 text-sm text-slate-500">No collaborators: conversations here are only assigned by hand.</p>
      )}
      {inbox.collaborators.length > 0 && !inbox.collaborators.some((c) => c.next) && (
        <p className="mt-1 text-xs text-slate-500">Nobody can take a new conversation now (busy, away or at capacity): it waits until someone can.</p>
      )}
      <AddPersonForm
        label={`Add a collaborator to ${inbox.name}`}
        placeholder="Add a collaborator…"
        people={addable}
        pending={pending}
        onAdd={(chosen, clear) => run(() => addCollaboratorAction({ inboxId: inbox.id, userId: chosen }), clear)}
      />
      <FieldError message={error} />
    </div>
  );
}
