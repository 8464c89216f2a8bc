'use client';

import { useId, useState, useTransition } from 'react';
import { createUserAction } from '@/lib/actions/users';
import type { ActionError } from '@/lib/actions/result';
import { ROLE_LABEL } from '@/lib/access/roles';
import type { Role } from '@/lib/generated/prisma/enums';
import { FieldError, inputClass, labelClass, primaryButton, selectClass } from '@/components/ui/controls';

const UNREACHABLE: ActionError = { code: 'INTERNAL', message: 'Could not reach the server. Check your connection and try again.' };
const ROLES: Role[] = ['AGENT', 'SUPERVISOR', 'ADMIN'];
const EMPTY = { name: '', email: '', role: 'AGENT' as Role, password: '' };
type Field = keyof typeof EMPTY;

const FIELDS: { key: Exclude<Field, 'role'>; label: string; type: string; autoComplete: string; width: string }[] = [
  { key: 'name', label: 'Name', type: 'text', autoComplete: 'off', width: 'min-w-[12rem] flex-1' },
  { key: 'email', label: 'Email', type: 'email', autoComplete: 'off', width: 'min-w-[14rem] flex-1' },
  { key: 'password', label: 'Initial password', type: 'password', autoComplete: 'new-password', width: 'w-48' },
];

/** Name, email, role and an initial password (at least 8 characters) → an account that can sign in. */
export function CreateUserForm() {
  const id = useId();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ActionError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit() {
    startTransition(async () => {
      const result = await createUserAction(form).catch(() => null);
      if (result?.ok) {
        setCreated(result.data.name);
        setForm(EMPTY);
        setError(null);
      } else {
        setCreated(null);
        setError(result ? result.error : UNREACHABLE);
      }
    });
  }

  const fieldError = (k: Field) => error?.fields?.[k]?.[0] ?? null;
  // A refusal about no one field (not allowed, session ended) is shown by the button.
  const formError = error && !(['name', 'email', 'role', 'password'] as const).some(fieldError) ? error.message : null;
  const describe = (k: Field) => (fieldError(k) ? { 'aria-invalid': true, 'aria-describedby': `${id}-${k}-error` } : {});

  return (
    <form
      noValidate
      aria-label="Create a user"
      className="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {FIELDS.map((f) => (
        <div key={f.key} className={f.width}>
          <label htmlFor={`${id}-${f.key}`} className={labelClass}>
            {f.label}
          </label>
          <input
            id={`${id}-${f.key}`}
            type={f.type}
            autoComplete={f.autoComplete}
            value={form[f.key]}
            onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
            className={`mt-1 ${inputClass}`}
            {...describe(f.key)}
          />
          <FieldError id={`${id}-${f.key}-error`} message={fieldError(f.key)} />
        </div>
      ))}
      <div className="w-36">
        <label htmlFor={`${id}-role`} className={labelClass}>
          Role
        </label>
        <select id={`${id}-role`} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })} className={`mt-1 ${selectClass}`} {...describe('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-role-error`} message={fieldError('role')} />
      </div>
      <div className="mt-5">
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? 'Creating…' : 'Create user'}
        </button>
        <FieldError message={formError} />
        {created && (
          <p role="status" className="mt-1 text-xs text-emerald-700">
            {created} can now sign in.
          </p>
        )}
      </div>
    </form>
  );
}
