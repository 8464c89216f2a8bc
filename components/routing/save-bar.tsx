'use client';

import { useId, useRef } from 'react';
import { dangerButton, primaryButton, secondaryButton } from '@/components/ui/controls';

export type Banner =
  | { kind: 'conflict'; message: string }
  /** Someone else saved while this page was open with unsaved changes. */
  | { kind: 'remote'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'saved'; message: string };

type BarProps = { version: number; dirty: boolean; pending: boolean; canManage: boolean; onSave: () => void; onDiscard: () => void };

/** Where the list stands (version, unsaved changes) and the buttons that act on it as a whole. */
export function SaveBar({ version, dirty, pending, canManage, onSave, onDiscard }: BarProps) {
  // Discarding throws away every unsaved edit at once: it asks first (Cancel is the default).
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <span className="text-sm text-slate-500">{version ? `Version ${version}` : 'Never saved'}</span>
      {dirty && (
        <span className="inline-flex items-center gap-1.5 rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-600/20 ring-inset" data-testid="unsaved">
          <span className="h-1.5 w-1.5 rounded-full bg-amber-500" aria-hidden="true" />
          Unsaved changes
        </span>
      )}
      <button type="button" className={secondaryButton} onClick={() => dialog.current?.showModal()} disabled={!dirty || pending}>
        Discard changes
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-xl border border-slate-200 p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Discard your unsaved changes?
        </h2>
        <p className="mt-2 text-sm text-slate-600">The route list goes back to version {version || 'never saved'}. Your edits since then are lost.</p>
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={() => dialog.current?.close()} autoFocus>
            Keep editing
          </button>
          <button
            type="button"
            className={dangerButton}
            onClick={() => {
              dialog.current?.close();
              onDiscard();
            }}
          >
            Discard changes
          </button>
        </div>
      </dialog>
      {canManage && (
        <button type="button" className={primaryButton} onClick={onSave} disabled={!dirty || pending}>
          {pending ? 'Saving…' : 'Save routes'}
        </button>
      )}
    </div>
  );
}

/** The outcome of the last save, restore or reload; a conflict offers to load the newer version. */
export function SaveBanner({ banner, onReload, reloading }: { banner: Banner | null; onReload: () => void; reloading: boolean }) {
  if (!banner) return null;
  if (banner.kind === 'remote') {
    return (
      <div role="status" data-testid="remote-save" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
        <div>
          <p className="font-medium">{banner.message}</p>
          <p className="text-xs text-amber-800">Your unsaved changes are based on the older version, so saving them would be refused. Reloading replaces them.</p>
        </div>
        <button type="button" className={secondaryButton} onClick={onReload} disabled={reloading}>
          {reloading ? 'Reloading…' : 'Load the new version'}
        </button>
      </div>
    );
  }
  if (banner.kind === 'saved') {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-4 py-2 text-sm text-emerald-800">
        {banner.message}
      </p>
    );
  }
  return (
    <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-2.5 text-sm text-red-800">
      <div>
        <p className="font-medium">{banner.message}</p>
        {banner.kind === 'conflict' && <p className="text-xs text-red-700">Reloading replaces the list on this page, your unsaved changes included.</p>}
      </div>
      {banner.kind === 'conflict' && (
        <button type="button" className={secondaryButton} onClick={onReload} disabled={reloading}>
          {reloading ? 'Reloading…' : 'Reload'}
        </button>
      )}
    </div>
  );
}
