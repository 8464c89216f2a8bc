'use client';

import { useId, useRef, useState } from 'react';
import { inputClass, primaryButton, secondaryButton } from '@/components/ui/controls';

/** The signing secret, once: closing this box loses it (a new subscription gets a new one). */
export function NewSecretBox({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('failed');
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id={`${id}-title`} className="break-all text-sm font-semibold text-amber-900">
        Webhook for {url} created
      </h3>
      <p className="mt-1 text-sm text-amber-900">Copy its signing secret now: it will not be shown again. The receiver checks Switchboard-Signature with it.</p>
      <div className="mt-3 flex flex-wrap gap-2">
        <label htmlFor={`${id}-secret`} className="sr-only">
          Signing secret
        </label>
        <input ref={input} id={`${id}-secret`} readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className={`min-w-0 flex-1 font-mono ${inputClass}`} />
        <button type="button" className={secondaryButton} onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className={primaryButton} onClick={onDone}>
          Done
        </button>
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-amber-900">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy: the secret is selected, press Ctrl+C.' : ''}
      </p>
    </section>
  );
}
