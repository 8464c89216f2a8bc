'use client';

import { useId, useState, useTransition } from 'react';
import { createApiKeyAction } from '@/lib/actions/api-keys';
import type { ActionError } from '@/lib/actions/result';
import type { NewApiKey } from '@/lib/auth/api-keys';
import { ROLE_LABEL } from '@/lib/access/roles';
import { ROLES } from '@/lib/validation/api-keys';
import { FieldError, inputClass, labelClass, primaryButton, selectClass } from '@/components/ui/controls';
import { NewKeyBox } from './new-key-box';

const UNREACHABLE: ActionError = { code: 'INTERNAL', message: 'Could not reach the server. Check your connection and try again.' };

/** Name + role → a new key, shown once in a box to copy. */
export function CreateApiKeyForm() {
  const id = useId();
  const [name, setName] = useState('');
  // Supervisor by default: a key has no owning agent, so an Agent key would see no conversation.
  const [role, setRole] = useState<(typeof ROLES)[number]>('SUPERVISOR');
  const [error, setError] = useState<ActionError | null>(null);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [pending, startTransition] = useTransition();

  function submit() {
    startTransition(async () => {
      const result = await createApiKeyAction({ name, role }).catch(() => null);
      if (result?.ok) {
        setCreated(result.data);
        setName('');
        setError(null);
      } else {
        setError(result ? result.error : UNREACHABLE);
      }
    });
  }

  const nameError = error?.fields?.name?.[0] ?? null;
  const roleError = error?.fields?.role?.[0] ?? null;
  // A refusal about no one field (not allowed, session ended) is shown by the button that caused it.
  const formError = error && !nameError && !roleError ? error.message : null;
  return (
    <div className="space-y-3">
      <form
        noValidate
        aria-label="Create an API key"
        className="flex flex-wrap items-start gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="min-w-[16rem] flex-1">
          <label htmlFor={`${id}-name`} className={labelClass}>
            Key name
          </label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            placeholder="e.g. Authentication bot"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name-error` : undefined}
            className={`mt-1 ${inputClass}`}
          />
          <FieldError id={`${id}-name-error`} message={nameError} />
        </div>
        <div className="w-40">
          <label htmlFor={`${id}-role`} className={labelClass}>
            Acts as
          </label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}
            aria-invalid={roleError ? true : undefined}
            aria-describedby={roleError ? `${id}-role-error` : undefined}
            className={`mt-1 ${selectClass}`}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-role-error`} message={roleError} />
        </div>
        <div className="mt-5">
          <button type="submit" className={primaryButton} disabled={pending}>
            {pending ? 'Creating…' : 'Create key'}
          </button>
          <FieldError message={formError} />
        </div>
      </form>
      {created && <NewKeyBox created={created} onDone={() => setCreated(null)} />}
    </div>
  );
}
