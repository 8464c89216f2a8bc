'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import type { ActionError } from '@/lib/actions/result';
import { setPasswordAction } from './actions';

const UNREACHABLE: ActionError = { code: 'INTERNAL', message: 'Could not reach the server. Check your connection and try again.' };
const input =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none';

/** New password twice; once it is set the link is spent and the page points to sign-in. */
export function SetPasswordForm({ token, email, min, max }: { token: string; email: string; min: number; max: number }) {
  const [error, setError] = useState<ActionError | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();

  if (done) {
    return (
      <div className="mt-6 space-y-4">
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Your password is set. Sign in with {email} and your new password.
        </p>
        <Link href="/signin" className="block w-full rounded-md bg-brand-600 px-4 py-2 text-center text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
          Go to sign in
        </Link>
      </div>
    );
  }

  const fieldError = (k: string) => error?.fields?.[k]?.[0] ?? null;
  const formError = error && !fieldError('password') && !fieldError('confirm') ? (fieldError('token') ?? error.message) : null;

  return (
    <form
      className="mt-6 space-y-4"
      noValidate
      aria-label="Set your password"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const body = { token, password: String(form.get('password') ?? ''), confirm: String(form.get('confirm') ?? '') };
        startTransition(async () => {
          const res = await setPasswordAction(body).catch(() => null);
          if (res?.ok) setDone(true);
          else setError(res ? res.error : UNREACHABLE);
        });
      }}
    >
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <div>
        <label htmlFor="new-password" className="block text-sm font-medium text-slate-700">
          New password
        </label>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={min}
          maxLength={max}
          required
          aria-invalid={fieldError('password') ? true : undefined}
          aria-describedby="new-password-hint"
          className={input}
        />
        <p id="new-password-hint" className={`mt-1 text-xs ${fieldError('password') ? 'text-red-700' : 'text-slate-500'}`} role={fieldError('password') ? 'alert' : undefined}>
          {fieldError('password') ?? `At least ${min} characters.`}
        </p>
      </div>
      <div>
        <label htmlFor="confirm-password" className="block text-sm font-medium text-slate-700">
          Repeat the password
        </label>
        <input
          id="confirm-password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          maxLength={max}
          required
          aria-invalid={fieldError('confirm') ? true : undefined}
          aria-describedby={fieldError('confirm') ? 'confirm-password-error' : undefined}
          className={input}
        />
        {fieldError('confirm') && (
          <p id="confirm-password-error" role="alert" className="mt-1 text-xs text-red-700">
            {fieldError('confirm')}
          </p>
        )}
      </div>
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {formError}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'Saving…' : 'Set password'}
      </button>
    </form>
  );
}
