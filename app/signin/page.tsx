import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSessionActor } from '@/lib/auth/session';
import { SignInForm } from '@/components/console/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

function safeCallback(url: string | undefined): string {
  // Only same-site paths: never bounce a signed-in user to another origin.
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/inbox';
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getSessionActor()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-900 via-slate-900 to-slate-800 p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-white">
          <Logo />
          <span className="text-xl font-semibold tracking-tight">Switchboard</span>
        </div>
        <div className="rounded-2xl bg-white p-8 shadow-xl">
          <h1 className="text-lg font-semibold">Sign in to your console</h1>
          <p className="mt-1 text-sm text-slate-500">Use the email and password your administrator gave you.</p>
          <SignInForm callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}

function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#2f6fed" />
      <path d="M9 11h14M9 16h9M9 21h12" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
