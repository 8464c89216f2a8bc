'use client';

import { useId, useState, useTransition } from 'react';
import { createApiKeyAction } from '@/lib/actions/api-keys';
import type { ActionError } from '@/lib/actions/result';
import type { NewApiKey } from '@/lib/auth/api-keys';
import { ROLE_LABEL, ROLE_RANK } from '@/lib/access/roles';
import { API_KEY_NAME_MAX, ROLES } from '@/lib/validation/api-keys';
import { CharCount, limitMessage } from '@/components/ui/char-count';
import { FieldError, inputClass, labelClass, primaryButton, selectClass } from '@/components/ui/controls';
import { NewKeyBox } from './new-key-box';

const UNREACHABLE: ActionError = { code: 'INTERNAL', message: 'Could not reach the server. Check your connection and try again.' };

type Role = (typeof ROLES)[number];
export type KeyOwnerOption = { id: string; name: string; role: Role };

const NEW_BOT = 'new-bot';

/**
 * Name + owner + role → a new key, shown once in a box to copy. Every key is owned by a user and
 * acts with that user's visibility and at most their role (SPEC §5): a bot gets a user of its own
 * (the default), a person's script acts as that person.
 */
export function CreateApiKeyForm({ owners }: { owners: KeyOwnerOption[] }) {
  const id = useId();
  const [name, setName] = useState('');
  const [ownerId, setOwnerId] = useState<string>(NEW_BOT);
  // Least privilege by default; an Agent key sees what its owner sees.
  const [role, setRole] = useState<Role>('AGENT');
  const [error, setError] = useState<ActionError | null>(null);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [pending, startTransition] = useTransition();

  const owner = owners.find((o) => o.id === ownerId) ?? null;
  // A key never has more than its owner's role: higher roles are not offered.
  const roles = ROLES.filter((r) => !owner || ROLE_RANK[r] <= ROLE_RANK[owner.role]);

  function chooseOwner(next: string) {
    setOwnerId(next);
    const o = owners.find((x) => x.id === next);
    if (o && ROLE_RANK[role] > ROLE_RANK[o.role]) setRole(o.role);
  }

  function submit() {
    startTransition(async () => {
      const result = await createApiKeyAction({ name, role, owner: ownerId === NEW_BOT ? { newBotUser: true } : { userId: ownerId } }).catch(() => null);
      if (result?.ok) {
        setCreated(result.data);
        setName('');
        setError(null);
      } else {
        setError(result ? result.error : UNREACHABLE);
      }
    });
  }

  const tooLong = limitMessage(name.trim(), API_KEY_NAME_MAX);
  const nameError = tooLong ?? error?.fields?.name?.[0] ?? null;
  const roleError = error?.fields?.role?.[0] ?? null;
  const ownerError = error?.fields?.['owner.userId']?.[0] ?? error?.fields?.owner?.[0] ?? null;
  // A refusal about no one field (not allowed, session ended) is shown by the button that caused it.
  const formError = error && !nameError && !roleError && !ownerError ? error.message : null;
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
        <div className="min-w-[14rem] flex-1">
          <label htmlFor={`${id}-name`} className={labelClass}>
            Key name
          </label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Authentication bot"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={`${id}-name-count${nameError ? ` ${id}-name-error` : ''}`}
            className={`mt-1 ${inputClass}`}
          />
          <CharCount id={`${id}-name-count`} value={name} max={API_KEY_NAME_MAX} />
          <FieldError id={`${id}-name-error`} message={nameError} />
        </div>
        <div className="w-56">
          <label htmlFor={`${id}-owner`} className={labelClass}>
            Owner
          </label>
          <select
            id={`${id}-owner`}
            value={ownerId}
            onChange={(e) => chooseOwner(e.target.value)}
            aria-invalid={ownerError ? true : undefined}
            aria-describedby={`${id}-owner-hint${ownerError ? ` ${id}-owner-error` : ''}`}
            className={`mt-1 ${selectClass}`}
          >
            <option value={NEW_BOT}>New bot user (named after the key)</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({ROLE_LABEL[o.role]})
              </option>
            ))}
          </select>
          <p id={`${id}-owner-hint`} className="mt-1 text-xs text-slate-500">
            {owner ? `Acts as ${owner.name}: sees what they see.` : 'A user who cannot sign in and is never auto-assigned; add it to inboxes or queues for an Agent key to see them.'}
          </p>
          <FieldError id={`${id}-owner-error`} message={ownerError} />
        </div>
        <div className="w-40">
          <label htmlFor={`${id}-role`} className={labelClass}>
            Acts as
          </label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            aria-invalid={roleError ? true : undefined}
            aria-describedby={roleError ? `${id}-role-error` : undefined}
            className={`mt-1 ${selectClass}`}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-role-error`} message={roleError} />
        </div>
        <div className="mt-5">
          <button type="submit" className={primaryButton} disabled={pending || !!tooLong}>
            {pending ? 'Creating…' : 'Create key'}
          </button>
          <FieldError message={formError} />
        </div>
      </form>
      {created && <NewKeyBox created={created} onDone={() => setCreated(null)} />}
    </div>
  );
}
