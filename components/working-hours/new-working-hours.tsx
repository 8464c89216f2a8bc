'use client';

import { useState } from 'react';
import { primaryButton } from '@/components/ui/controls';
import { WorkingHoursForm } from './working-hours-form';

/** "New working hours" opens the form; it closes again once they are created. */
export function NewWorkingHours({ timeZones }: { timeZones: string[] }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className={primaryButton} onClick={() => setOpen(true)}>
        New working hours
      </button>
    );
  }
  return (
    <section aria-label="New working hours" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <WorkingHoursForm timeZones={timeZones} onDone={() => setOpen(false)} />
    </section>
  );
}
