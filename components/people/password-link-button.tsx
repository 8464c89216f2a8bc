'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { issuePasswordLinkAction } from '@/lib/actions/users';
import { FieldError, inputClass, secondaryButton } from '@/components/ui/controls';

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/**
 * An admin's password reset: after a confirmation, issues a one-time set-password link for one
 * person and shows it once, with a copy button. The reset signs them out everywhere and stops
 * their current password at once (lib/domain/passwords.ts); a new link voids the earlier ones.
 * Also how an account made over the API gets its first password.
 */
export function PasswordLinkButton({ userId, name }: { userId: string; name: string }) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard access (plain http, permissions): select it so Ctrl+C works.
      field.current?.select();
      setCopied('failed');
    }
  }

  if (link) {
    return (
      <div className="w-72 max-w-full rounded-md border border-amber-300 bg-amber-50 p-2" data-testid="password-link">
        <label htmlFor={`${id}-link`} className="block text-xs font-medium text-amber-900">
          Set-password link for {name}
        </label>
        <input ref={field} id={`${id}-link`} readOnly value={link} onFocus={(e) => e.currentTarget.select()} className={`mt-1 font-mono text-xs ${inputClass}`} />
        <p className="mt-1 text-xs text-amber-900">Works once, for 72 hours. It will not be shown again.</p>
        <div className="mt-2 flex gap-2">
          <button type="button" className={`${secondaryButton} px-2 py-0.5 text-xs`} onClick={() => void copy(link)}>
            Copy
          </button>
          <button
            type="button"
            className={`${secondaryButton} px-2 py-0.5 text-xs`}
            onClick={() => {
              setLink(null);
              setCopied(null);
            }}
          >
            Done
          </button>
        </div>
        <p aria-live="polite" className="mt-1 text-xs text-amber-900">
          {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy: the link is selected, press Ctrl+C.' : ''}
        </p>
      </div>
    );
  }

  const issue = () =>
    startTransition(async () => {
      const res = await issuePasswordLinkAction({ userId }).catch(() => null);
      setConfirming(false);
      if (res?.ok) {
        setLink(res.data.url);
        setError(null);
      } else setError(res?.error.message ?? UNREACHABLE);
    });

  if (confirming) {
    return (
      <div role="group" aria-label={`Reset password for ${name}`} className="w-72 max-w-full rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900">
        <p>Signs {name} out everywhere and stops their current password now. They choose a new one with the link.</p>
        <div className="mt-2 flex gap-2">
          <button type="button" disabled={pending} className={`${secondaryButton} px-2 py-0.5 text-xs`} onClick={issue}>
            {pending ? 'Resetting…' : 'Reset and show the link'}
          </button>
          <button type="button" disabled={pending} className={`${secondaryButton} px-2 py-0.5 text-xs`} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      </div>
    );
  }

  return (
    <div>
      <button
        type="button"
        aria-label={`Reset password for ${name}`}
        aria-describedby={error ? `${id}-error` : undefined}
        title="A one-time link where they choose a new password; their sessions end and their current password stops working"
        className={`${secondaryButton} px-2 py-0.5 text-xs`}
        onClick={() => setConfirming(true)}
      >
        Reset password
      </button>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
