'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: '/signin' })}
      className="w-full rounded-md border border-white/15 px-3 py-1.5 text-sm text-slate-200 hover:bg-white/10"
    >
      Sign out
    </button>
  );
}
