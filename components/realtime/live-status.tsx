'use client';

import { useLive } from './live-provider';

const LABEL = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' } as const;

/** Tells the user whether what they see is kept up to date. */
export function LiveStatusPill() {
  const { status } = useLive();
  return (
    <p role="status" data-testid="live-status" data-status={status} className="flex items-center gap-2 text-xs text-slate-300">
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${status === 'live' ? 'bg-emerald-400' : 'animate-pulse bg-amber-400'}`} />
      {LABEL[status]}
    </p>
  );
}
