'use client';

import { useState, useTransition } from 'react';

export const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

type Result = { ok: boolean; error?: { message: string } } | null;

/** Runs a server action in a transition and keeps its refusal (or a lost connection) as `error`. */
export function useActionRunner() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function run(action: () => Promise<Result>, after?: () => void) {
    startTransition(async () => {
      const res = await action().catch(() => null);
      if (res?.ok) {
        setError(null);
        after?.();
      } else setError(res?.error?.message ?? UNREACHABLE);
    });
  }
  return { error, pending, run };
}
