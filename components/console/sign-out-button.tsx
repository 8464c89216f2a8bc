import { signOutAction } from '@/lib/actions/session';

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="w-full rounded-md border border-white/15 px-3 py-1.5 text-sm text-slate-200 hover:bg-white/10">
        Sign out
      </button>
    </form>
  );
}
