'use client';

import { useId, useState, useTransition } from 'react';
import { updateQueueAction } from '@/lib/actions/queues';
import { FieldError, inputClass, primaryButton, secondaryButton } from '@/components/ui/controls';
import { CopyId } from '@/components/ui/copy-id';
import { CharCount, limitMessage } from '@/components/ui/char-count';
import { QUEUE_NAME_MAX } from '@/lib/validation/routing';
import { DeleteQueueButton } from './delete-queue-button';
import { QueueMembers } from './queue-members';
import { QueueWorkingHours } from './queue-working-hours';
import { QueueAssignment } from './queue-assignment';
import { UNREACHABLE, type Candidate, type QueueCardData, type WorkingHoursChoice } from './types';

/** One queue: live counts, members, and (for managers) rename, make default and delete. */
export function QueueCard({ queue, candidates, canManage, workingHours = [] }: { queue: QueueCardData; candidates: Candidate[]; canManage: boolean; workingHours?: WorkingHoursChoice[] }) {
  const headingId = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function makeDefault() {
    startTransition(async () => {
      const res = await updateQueueAction({ queueId: queue.id, isDefault: true }).catch(() => null);
      setError(res?.ok ? null : res ? res.error.message : UNREACHABLE);
    });
  }

  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="queue-card">
      <div className="flex items-start justify-between gap-2">
        <QueueName id={headingId} queue={queue} canManage={canManage} />
        {queue.isDefault ? (
          <span className="shrink-0 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Default</span>
        ) : (
          canManage && (
            <button
              type="button"
              onClick={makeDefault}
              disabled={pending}
              title="Conversations no route takes go to the default queue"
              className="shrink-0 rounded-md px-2 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50"
            >
              {/* The queue's name only for screen readers: the accessible name must start with the visible words (WCAG 2.5.3). */}
              {pending ? 'Saving…' : 'Make default'}
              <span className="sr-only"> ({queue.name})</span>
            </button>
          )
        )}
      </div>
      <FieldError message={error} />
      <dl className="mt-4 grid grid-cols-3 gap-2 text-center">
        <Stat label="Open" value={String(queue.open)} />
        <Stat label="Unassigned" value={String(queue.unassigned)} />
        <Stat label="Oldest waiting" value={queue.oldestWaiting} />
      </dl>
      <QueueWorkingHours queue={queue} choices={workingHours} canManage={canManage} />
      <QueueAssignment queue={queue} canManage={canManage} />
      <QueueMembers queue={queue} candidates={candidates} canManage={canManage} />
      <div className="mt-auto flex items-center justify-between gap-2 pt-4">
        <p className="text-xs text-slate-500">
          {queue.routeCount === 0 ? 'No route points here.' : queue.routeCount === 1 ? '1 route points here.' : `${queue.routeCount} routes point here.`}
        </p>
        {canManage && <DeleteQueueButton id={queue.id} name={queue.name} />}
      </div>
      {/* The API's queueId (routes, assignment over the API). */}
      {canManage && (
        <div className="mt-2">
          <CopyId id={queue.id} label="Queue ID" testId="queue-id" />
        </div>
      )}
    </section>
  );
}

/** The heading, which turns into a text field to rename the queue in place (Enter saves, Escape cancels). */
function QueueName({ id, queue, canManage }: { id: string; queue: QueueCardData; canManage: boolean }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(queue.name);
  const tooLong = limitMessage(name.trim(), QUEUE_NAME_MAX);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function save() {
    if (name.trim() === queue.name) return setEditing(false);
    startTransition(async () => {
      const res = await updateQueueAction({ queueId: queue.id, name }).catch(() => null);
      if (res?.ok) {
        setEditing(false);
        setError(null);
      } else setError(res ? (res.error.fields?.name?.[0] ?? res.error.message) : UNREACHABLE);
    });
  }

  if (!editing) {
    return (
      <div className="flex min-w-0 items-center gap-1">
        <h2 id={id} className="truncate font-semibold text-slate-900">
          {queue.name}
        </h2>
        {canManage && (
          <button
            type="button"
            aria-label={`Rename queue ${queue.name}`}
            title="Rename"
            className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700"
            onClick={() => {
              setName(queue.name);
              setEditing(true);
            }}
          >
            <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
              <path d="M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4" />
            </svg>
          </button>
        )}
      </div>
    );
  }
  return (
    <form
      className="min-w-0 flex-1"
      aria-label={`Rename queue ${queue.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h2 id={id} className="sr-only">
        {queue.name}
      </h2>
      <input
        aria-label="Queue name"
        value={name}
        autoFocus
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
        aria-invalid={error || tooLong ? true : undefined}
        aria-describedby={`${id}-count`}
        className={inputClass}
      />
      <CharCount id={`${id}-count`} value={name} max={QUEUE_NAME_MAX} />
      <FieldError message={tooLong ?? error} />
      <div className="mt-2 flex gap-2">
        <button type="submit" className={primaryButton} disabled={pending || !!tooLong}>
          {pending ? 'Saving…' : 'Save name'}
        </button>
        <button type="button" className={secondaryButton} onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-2 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}
