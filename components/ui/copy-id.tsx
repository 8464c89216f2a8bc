'use client';

import { useState } from 'react';

/**
 * An id where an admin or an API client needs it (support tickets, route conditions, API calls):
 * small, monospaced, shortened on screen but whole in the DOM (selectable, its title and the
 * button copy it all). A Copy button writes it to the clipboard and says so.
 */
export function CopyId({ id, label = 'ID', testId }: { id: string; label?: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(id);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard (plain http, a denied permission): the id stays selectable on screen.
      setCopied(false);
    }
  }
  return (
    <span className="inline-flex max-w-full min-w-0 items-center gap-1.5 text-xs text-slate-500" data-testid={testId}>
      <span className="shrink-0">{label}</span>
      <code className="min-w-0 truncate rounded bg-slate-100 px-1 py-0.5 font-mono text-[11px] text-slate-700 select-all" title={id} data-id={id}>
        {id}
      </code>
      <button
        type="button"
        onClick={() => void copy()}
        className="shrink-0 rounded px-1 py-0.5 font-medium text-blue-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
        aria-label={copied ? `Copied ${label}` : `Copy ${label}`}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
      <span role="status" className="sr-only">
        {copied ? `${label} copied` : ''}
      </span>
    </span>
  );
}
