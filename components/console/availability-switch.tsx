'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { setMyAvailabilityAction } from '@/lib/actions/presence';

const OPTIONS = [
  { value: 'ONLINE', label: 'Online', dot: 'bg-emerald-500' },
  { value: 'BUSY', label: 'Busy', dot: 'bg-amber-500' },
  { value: 'OFFLINE', label: 'Offline', dot: 'bg-slate-400' },
] as const;

/** The agent's own availability, always visible: in the sidebar, or in the top bar on a phone (SPEC §6). */
export function AvailabilitySwitch({ availability, disconnected = false }: { availability: 'ONLINE' | 'BUSY' | 'OFFLINE'; disconnected?: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(availability);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const dot = OPTIONS.find((o) => o.value === value)?.dot;

  function change(next: 'ONLINE' | 'BUSY' | 'OFFLINE') {
    const before = value;
    setValue(next);
    setError(null);
    start(async () => {
      const res = await setMyAvailabilityAction({ availability: next });
      if (!res.ok) {
        setValue(before);
        setError(res.error.message);
        return;
      }
      router.refresh();
    });
  }

  return (
    <div>
      {/* Read out, not shown, in the phone's top bar: the coloured dot and "Online" say it there. */}
      <label htmlFor="availability" className="text-xs text-slate-400 max-md:sr-only">
        Availability
      </label>
      <div className="flex items-center gap-2 md:mt-1">
        <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${dot}`} aria-hidden="true" />
        <select
          id="availability"
          value={value}
          disabled={pending}
          onChange={(e) => change(e.target.value as 'ONLINE' | 'BUSY' | 'OFFLINE')}
          className="w-full rounded-md border border-white/15 bg-slate-800 px-2 py-1 text-sm text-white"
        >
          {OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {disconnected && value !== 'OFFLINE' && (
        // Shown until this console's next heartbeat reaches the server (the sweep saw it silent).
        <p role="status" className="mt-1 text-xs text-orange-200 max-md:text-right">
          Away — disconnected
        </p>
      )}
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-300 max-md:max-w-40 max-md:text-right">
          {error}
        </p>
      )}
    </div>
  );
}
