'use client';

import { useId, useState, useTransition } from 'react';
import Link from 'next/link';
import { createSavedViewAction, deleteSavedViewAction } from '@/lib/actions/saved-views';
import type { SavedView } from '@/lib/domain/saved-views';
import { inboxSearchParams, type InboxFilters } from '@/lib/query/inbox-filters';
import { SAVED_VIEW_NAME_MAX } from '@/lib/validation/saved-views';
import { errorFor, FieldError, inputClass, primaryButton, secondaryButton } from '@/components/ui/controls';

/** The user's saved views: open one (a link to its address), delete one, or save the current filters and sort under a name. */
export function SavedViews({ initial, filters }: { initial: SavedView[]; filters: InboxFilters }) {
  const id = useId();
  const [views, setViews] = useState(initial);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<{ message: string; fields?: Record<string, string[]> } | null>(null);
  const [pending, startTransition] = useTransition();
  const current = inboxSearchParams({ ...filters, page: 0 }).toString();

  const save = () =>
    startTransition(async () => {
      const result = await createSavedViewAction({ name, filters: { ...filters, page: 0 } }).catch(() => null);
      if (!result) return setError({ message: 'Could not reach the server. Check your connection and try again.' });
      if (!result.ok) return setError(result.error);
      setViews((v) => [...v, result.data].sort((a, b) => a.name.localeCompare(b.name)));
      setNaming(false);
      setName('');
      setError(null);
    });

  const remove = (view: SavedView) =>
    startTransition(async () => {
      const result = await deleteSavedViewAction({ id: view.id }).catch(() => null);
      if (!result?.ok) return setError(result ? result.error : { message: 'Could not reach the server. Check your connection and try again.' });
      setViews((v) => v.filter((x) => x.id !== view.id));
      setError(null);
    });

  const nameError = errorFor(error, 'name');
  return (
    <section aria-label="Saved views" className="flex flex-wrap items-center gap-2 text-sm">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Views</h2>
      {views.length === 0 && !naming && <span className="text-slate-600">None saved yet.</span>}
      <ul className="flex flex-wrap gap-2">
        {views.map((v) => (
          <li key={v.id} className="inline-flex items-center rounded-full bg-white ring-1 ring-inset ring-slate-300">
            <Link
              href={v.query ? `/inbox?${v.query}` : '/inbox'}
              aria-current={v.query === current ? 'page' : undefined}
              className={`rounded-l-full py-1 pl-3 pr-2 font-medium hover:bg-slate-50 ${v.query === current ? 'text-brand-700' : 'text-slate-700'}`}
            >
              {v.name}
            </Link>
            <button
              type="button"
              disabled={pending}
              onClick={() => remove(v)}
              aria-label={`Delete view ${v.name}`}
              className="rounded-r-full py-1 pl-1 pr-2.5 text-slate-500 hover:bg-red-50 hover:text-red-700 disabled:opacity-50"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {naming ? (
        <form
          className="flex flex-wrap items-start gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label htmlFor={`${id}-name`} className="sr-only">
            View name
          </label>
          <div>
            <input
              id={`${id}-name`}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={SAVED_VIEW_NAME_MAX}
              placeholder="View name"
              autoFocus
              required
              aria-invalid={!!nameError}
              aria-describedby={nameError ? `${id}-error` : undefined}
              className={`${inputClass} w-48 py-1`}
            />
            <FieldError id={`${id}-error`} message={nameError} />
          </div>
          <button type="submit" disabled={pending} className={`${primaryButton} py-1`}>
            {pending ? 'Saving…' : 'Save view'}
          </button>
          <button
            type="button"
            className={`${secondaryButton} py-1`}
            onClick={() => {
              setNaming(false);
              setError(null);
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="rounded-full px-3 py-1 font-medium text-brand-700 hover:bg-brand-50" onClick={() => setNaming(true)}>
          Save current view…
        </button>
      )}
      {error && !naming && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error.message}
        </p>
      )}
    </section>
  );
}
