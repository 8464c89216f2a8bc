'use client';

import { useId, useRef, useState } from 'react';
import type { NewApiKey } from '@/lib/auth/api-keys';
import { ROLE_LABEL } from '@/lib/access/roles';
import { inputClass, primaryButton, secondaryButton } from '@/components/ui/controls';

/** The plaintext key, once: the server keeps only its hash, so closing this box loses it for good. */
export function NewKeyBox({ created, onDone }: { created: NewApiKey; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      // No clipboard access (plain http, permissions): select it so Ctrl+C works.
      input.current?.select();
      setCopied('failed');
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-amber-900">
        Key “{created.name}” created ({ROLE_LABEL[created.role]}{created.owner && <>, owned by {created.owner.name}</>})
      </h3>
      <p className="mt-1 text-sm text-amber-900">Copy it now and keep it somewhere safe. It will not be shown again.</p>
      <div className="mt-3 flex gap-2">
        <label htmlFor={`${id}-key`} className="sr-only">
          New API key
        </label>
        <input ref={input} id={`${id}-key`} readOnly value={created.key} onFocus={(e) => e.currentTarget.select()} className={`font-mono ${inputClass}`} />
        <button type="button" className={secondaryButton} onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className={primaryButton} onClick={onDone}>
          Done
        </button>
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-amber-900">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy: the key is selected, press Ctrl+C.' : ''}
      </p>
    </section>
  );
}
