'use client';

import { useEffect } from 'react';
import Link from 'next/link';

export type Toast = { key: string; title: string; body?: string; href?: string };

const SHOW_MS = 8_000;

/** Announced politely to screen readers; each toast leaves by itself or with its close button. */
export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (key: string) => void }) {
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2">
      {toasts.map((t) => (
        <ToastCard key={t.key} toast={t} onDismiss={onDismiss} />
      ))}
    </div>
  );
}

function ToastCard({ toast, onDismiss }: { toast: Toast; onDismiss: (key: string) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.key), SHOW_MS);
    return () => clearTimeout(timer);
  }, [toast.key, onDismiss]);
  return (
    <div data-testid="toast" className="pointer-events-auto rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-semibold text-slate-900">{toast.title}</p>
          {toast.body && <p className="truncate text-sm text-slate-600">{toast.body}</p>}
          {toast.href && (
            <Link href={toast.href} onClick={() => onDismiss(toast.key)} className="mt-1 inline-block text-sm font-medium text-blue-700 hover:underline">
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
