'use client';

import { useEffect, useRef, useState } from 'react';
import Link from 'next/link';

export type Toast = { key: string; title: string; body?: string; href?: string };

const SHOW_MS = 8_000;
/** After the pointer or focus leaves the region, every toast stays at least this long. */
const AFTER_HOLD_MS = 3_000;
/**
 * Toasts shown at once. Four stacked up covered three columns of the inbox (issue 15): the newest
 * are shown, the earlier ones are counted on one line (they come back as the newer ones go, until
 * their own time is up).
 */
export const MAX_VISIBLE = 2;

/**
 * A narrow region in the bottom corner, announced politely to screen readers. Each toast leaves by
 * itself (the clock stops while the pointer or focus is in the region) or with its close button.
 */
export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (key: string) => void }) {
  const [held, setHeld] = useState(false);
  // Each toast's deadline, from when it first arrived (not from when it is first shown).
  const deadlines = useRef(new Map<string, number>());
  useEffect(() => {
    const now = Date.now();
    for (const t of toasts) if (!deadlines.current.has(t.key)) deadlines.current.set(t.key, now + SHOW_MS);
    for (const k of deadlines.current.keys()) if (!toasts.some((t) => t.key === k)) deadlines.current.delete(k);
    if (held) return;
    const timers = toasts.map((t) => setTimeout(() => onDismiss(t.key), Math.max((deadlines.current.get(t.key) ?? now) - now, 0)));
    return () => timers.forEach(clearTimeout);
  }, [toasts, held, onDismiss]);
  const release = () => {
    const at = Date.now() + AFTER_HOLD_MS;
    for (const [k, d] of deadlines.current) deadlines.current.set(k, Math.max(d, at));
    setHeld(false);
  };

  const shown = toasts.slice(-MAX_VISIBLE).reverse();
  const earlier = toasts.length - shown.length;
  return (
    <section
      aria-label="Notifications"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={release}
      onFocus={() => setHeld(true)}
      onBlur={release}
      className="pointer-events-none fixed right-3 bottom-3 z-50 flex w-72 max-w-[calc(100vw-1.5rem)] flex-col gap-1.5"
    >
      <div role="status" aria-live="polite" className="flex flex-col gap-1.5">
        {shown.map((t) => (
          <ToastCard key={t.key} toast={t} onDismiss={onDismiss} />
        ))}
      </div>
      {earlier > 0 && (
        <div data-testid="toasts-earlier" className="pointer-events-auto flex items-center justify-between rounded-md border border-slate-200 bg-white px-2.5 py-1 text-xs text-slate-600 shadow">
          <span>{earlier} earlier</span>
          <button type="button" className="font-medium text-blue-700 hover:underline" onClick={() => toasts.forEach((t) => onDismiss(t.key))}>
            Dismiss all
          </button>
        </div>
      )}
    </section>
  );
}

function ToastCard({ toast, onDismiss }: { toast: Toast; onDismiss: (key: string) => void }) {
  return (
    <div data-testid="toast" className="pointer-events-auto rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-lg">
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-semibold text-slate-900">{toast.title}</p>
          {toast.body && <p className="truncate text-sm text-slate-600">{toast.body}</p>}
          {toast.href && (
            <Link href={toast.href} onClick={() => onDismiss(toast.key)} className="mt-0.5 inline-block text-sm font-medium text-blue-700 hover:underline">
              Open conversation
            </Link>
          )}
        </div>
        <button type="button" onClick={() => onDismiss(toast.key)} className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800" aria-label="Dismiss notification">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      </div>
    </div>
  );
}
