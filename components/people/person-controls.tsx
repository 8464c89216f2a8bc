'use client';

import { useId, useState, useTransition } from 'react';
import { setUserEnabledAction, setUserRoleAction } from '@/lib/actions/users';
import { ROLE_LABEL } from '@/lib/access/roles';
import type { Role } from '@/lib/generated/prisma/enums';
import { FieldError, secondaryButton, selectClass } from '@/components/ui/controls';

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';
const ROLES: Role[] = ['ADMIN', 'SUPERVISOR', 'AGENT'];

/** Saved as soon as it is chosen; a refusal (e.g. demoting yourself) shows under it and the old role comes back. */
export function RoleSelect({ userId, name, role }: { userId: string; name: string; role: Role }) {
  const id = useId();
  const [choice, setChoice] = useState<Role | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      <label htmlFor={`${id}-role`} className="sr-only">
        Role of {name}
      </label>
      <select
        id={`${id}-role`}
        value={choice ?? role}
        disabled={pending}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          const next = e.target.value as Role;
          setChoice(next);
          startTransition(async () => {
            const res = await setUserRoleAction({ userId, role: next }).catch(() => null);
            setChoice(null);
            setError(res?.ok ? null : (res?.error.message ?? UNREACHABLE));
          });
        }}
        className={`${selectClass} w-36 min-w-28 text-xs`}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** Disabling signs the person out and hands their open conversations on, so it says so before and after. */
export function EnabledToggle({ userId, name, enabled }: { userId: string; name: string; enabled: boolean }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      <div className="flex items-center gap-2">
        {enabled ? <span className="text-emerald-700">Enabled</span> : <span className="text-slate-500">Disabled</span>}
        <button
          type="button"
          disabled={pending}
          aria-label={`${enabled ? 'Disable' : 'Enable'} ${name}`}
          aria-describedby={error ? `${id}-error` : undefined}
          title={enabled ? 'Signs them out and hands their open conversations to others online' : undefined}
          onClick={() =>
            startTransition(async () => {
              const res = await setUserEnabledAction({ userId, enabled: !enabled }).catch(() => null);
              setError(res?.ok ? null : (res?.error.message ?? UNREACHABLE));
              setNote(res?.ok && !res.data.enabled ? `${res.data.moved} conversation${res.data.moved === 1 ? '' : 's'} reassigned.` : null);
            })
          }
          className={`${secondaryButton} px-2 py-0.5 text-xs`}
        >
          {enabled ? 'Disable' : 'Enable'}
        </button>
      </div>
      <FieldError id={`${id}-error`} message={error} />
      {note && (
        <p role="status" className="mt-1 text-xs text-slate-500">
          {note}
        </p>
      )}
    </div>
  );
}
