'use client';

import { useEffect, useId, useRef } from 'react';
import { secondaryButton } from '@/components/ui/controls';
import { SHORTCUTS } from './inbox-shortcuts';

const kbd = 'inline-flex min-w-6 items-center justify-center rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs font-semibold text-slate-700 shadow-[0_1px_0_#cbd5e1]';

// Arrows read aloud by name, not as "downwards arrow" symbols.
const SPOKEN: Record<string, string> = { '↓': 'Down arrow', '↑': 'Up arrow' };

/** Tells that the inbox has shortcuts; the "?" key opens the same list. */
export function ShortcutsButton({ onClick, disabled }: { onClick: () => void; disabled: boolean }) {
  return (
    <button type="button" onClick={onClick} disabled={disabled} aria-keyshortcuts="?" className={`${secondaryButton} py-1 text-xs`}>
      Keyboard shortcuts <kbd className={kbd}>?</kbd>
    </button>
  );
}

/**
 * The list of shortcuts in a modal <dialog>: the browser keeps the focus inside, closes it on
 * Escape and marks the page behind it inert. The focus goes back where it was when it opened.
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-modal="true"
      onClose={() => {
        onClose();
        // Browsers differ in where the focus lands after a modal dialog; put it back explicitly.
        if (returnTo.current?.isConnected) returnTo.current.focus();
      }}
      // A click on the backdrop (the dialog element itself, outside its panel) closes it too.
      onClick={(e) => e.target === e.currentTarget && e.currentTarget.close()}
      className="m-auto w-full max-w-md rounded-xl p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/50"
    >
      <div className="p-6">
        <div className="flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <form method="dialog">
            <button type="submit" className={`${secondaryButton} py-1 text-xs`}>
              Close
            </button>
          </form>
        </div>
        <p className="mt-1 text-sm text-slate-600">In the conversation list, when you are not typing in a field.</p>
        <table className="mt-4 w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {SHORTCUTS.map((s) => (
              <tr key={s.does}>
                <td className="w-24 py-2 pr-3 whitespace-nowrap">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && <span className="px-1 text-xs text-slate-500">or</span>}
                      <kbd className={kbd}>
                        {SPOKEN[k] ? (
                          <>
                            <span aria-hidden="true">{k}</span>
                            <span className="sr-only">{SPOKEN[k]}</span>
                          </>
                        ) : (
                          k
                        )}
                      </kbd>
                    </span>
                  ))}
                </td>
                <td className="py-2 text-slate-700">{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </dialog>
  );
}
