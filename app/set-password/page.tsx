import type { Metadata } from 'next';
import Link from 'next/link';
import { db } from '@/lib/db';
import { inspectPasswordToken, TOKEN_MESSAGES } from '@/lib/domain/password-tokens';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/validation/agents';
import { SetPasswordForm } from './set-password-form';

// The token is in the address: never hand it on to another site in a Referer header.
export const metadata: Metadata = { title: 'Set your password', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

/** Public (outside the console): the one-time link an admin handed out is the only authority here. */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  const state = token.length <= 200 ? await inspectPasswordToken(db(), token) : ({ state: 'unknown' } as const);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-900 via-slate-900 to-slate-800 p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-white">
          <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" fill="#2f6fed" />
            <path d="M9 11h14M9 16h9M9 21h12" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
          </svg>
          <span className="text-xl font-semibold tracking-tight">Switchboard</span>
        </div>
        <div className="rounded-2xl bg-white p-8 shadow-xl">
          <h1 className="text-lg font-semibold">Set your password</h1>
          {state.state === 'valid' ? (
            <>
              <p className="mt-1 text-sm text-slate-500">
                For {state.name} ({state.email}). This link works once.
              </p>
              <SetPasswordForm token={token} email={state.email} min={PASSWORD_MIN} max={PASSWORD_MAX} />
            </>
          ) : (
            <>
              <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {TOKEN_MESSAGES[state.state]}
              </p>
              <Link href="/signin" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
                Go to sign in
              </Link>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
