'use client';

import { useEffect, useRef } from 'react';
import type { BulkSelection } from './use-bulk-selection';

const box = 'h-4 w-4 rounded border-slate-400 text-brand-600 focus:ring-brand-500';

/** The header's "select all on this page"; mixed while only some rows are checked. */
export function SelectAllCheckbox({ selection }: { selection: BulkSelection }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selection.someChecked;
  }, [selection.someChecked]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className={box}
      aria-label="Select all conversations on this page"
      checked={selection.allChecked}
      onChange={(e) => selection.toggleAll(e.target.checked)}
    />
  );
}

export function RowCheckbox({ selection, id, topic }: { selection: BulkSelection; id: string; topic: string | null }) {
  return (
    <input
      type="checkbox"
      className={box}
      aria-label={`Select “${topic || 'No topic'}”`}
      checked={selection.isChecked(id)}
      onChange={(e) => selection.toggle(id, e.target.checked)}
      data-testid="row-checkbox"
    />
  );
}
