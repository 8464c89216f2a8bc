import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold text-red-600">403 · Not allowed</p>
        <h1 className="mt-2 text-xl font-semibold">You don’t have access to this page</h1>
        <p className="mt-2 text-sm text-slate-600">
          Your role does not include it. If you think you need it, ask an administrator to change your role.
        </p>
        <Link href="/inbox" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Back to the inbox
        </Link>
      </div>
    </main>
  );
}
