'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { changeOwnPasswordAction } from '@/lib/actions/account';
import type { ActionError } from '@/lib/actions/result';
import { FieldError, inputClass, labelClass, primaryButton } from '@/components/ui/controls';

const UNREACHABLE: ActionError = { code: 'INTERNAL', message: 'Could not reach the server. Check your connection and try again.' };
const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;
type Field = (typeof FIELDS)[number];

/** Current password, then the new one twice. On success every other session of the user ends; this one goes on. */
export function ChangePasswordForm({ email, min, max }: { email: string; min: number; max: number }) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();

  const fieldError = (k: Field) => error?.fields?.[k]?.[0] ?? null;
  const formError = error && !FIELDS.some(fieldError) ? error.message : null;
  const describe = (k: Field, hint?: string) =>
    fieldError(k) ? { 'aria-invalid': true, 'aria-describedby': `${id}-${k}-error` } : hint ? { 'aria-describedby': hint } : {};

  const field = (k: Field, label: string, autoComplete: string, hint?: string) => (
    <div>
      <label htmlFor={`${id}-${k}`} className={labelClass}>
        {label}
      </label>
      <input
        id={`${id}-${k}`}
        name={k}
        type="password"
        autoComplete={autoComplete}
        maxLength={max}
        required
        className={`mt-1 ${inputClass}`}
        {...describe(k, hint && `${id}-${k}-hint`)}
      />
      {fieldError(k) ? (
        <FieldError id={`${id}-${k}-error`} message={fieldError(k)} />
      ) : (
        hint && (
          <p id={`${id}-${k}-hint`} className="mt-1 text-xs text-slate-500">
            {hint}
          </p>
        )
      )}
    </div>
  );

  return (
    <form
      ref={form}
      noValidate
      aria-label="Change your password"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const body = Object.fromEntries(FIELDS.map((k) => [k, String(data.get(k) ?? '')])) as Record<Field, string>;
        setDone(false);
        startTransition(async () => {
          const res = await changeOwnPasswordAction(body).catch(() => null);
          if (res?.ok) {
            setError(null);
            setDone(true);
            form.current?.reset();
          } else setError(res ? res.error : UNREACHABLE);
        });
      }}
    >
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      {field('currentPassword', 'Current password', 'current-password')}
      {field('newPassword', 'New password', 'new-password', `At least ${min} characters; not a common password. A few unrelated words make a good one.`)}
      {field('confirm', 'Repeat the new password', 'new-password')}
      <FieldError message={formError} />
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </button>
      {done && (
        <p role="status" className="text-sm text-emerald-700">
          Your password is changed. You stay signed in here; every other session of yours has been signed out.
        </p>
      )}
    </form>
  );
}
