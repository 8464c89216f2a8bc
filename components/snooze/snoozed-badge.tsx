'use client';

import { LocalTime } from '@/components/ui/local-time';

/** Beside the Waiting badge of a snoozed conversation: when it comes back. */
export function SnoozedBadge({ until }: { until: string }) {
  return (
    <span data-testid="snoozed-badge" className="mt-1 inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800 ring-1 ring-inset ring-violet-600/20">
      Snoozed until <LocalTime date={until} />
    </span>
  );
}
