'use client';

import { useState } from 'react';

/**
 * The rows checked for a bulk action, by conversation id. Only rows on the page can stay checked:
 * one that left the list (a live update, another page) drops out, so an action never reaches a
 * conversation the user no longer sees. A new filter or page starts with nothing checked.
 */
export function useBulkSelection(ids: string[], resetKey: string) {
  const [state, setState] = useState<{ checked: ReadonlySet<string>; resetKey: string }>({ checked: new Set(), resetKey });
  // Adjusted while rendering (not in an effect), so a stale check is never painted.
  if (state.resetKey !== resetKey) setState({ checked: new Set(), resetKey });
  const onPage = new Set(ids);
  const checked = state.resetKey === resetKey ? [...state.checked].filter((id) => onPage.has(id)) : [];
  const set = (next: Iterable<string>) => setState({ checked: new Set(next), resetKey });

  return {
    /** Checked ids in the list's order. */
    ids: ids.filter((id) => checked.includes(id)),
    isChecked: (id: string) => checked.includes(id),
    toggle: (id: string, on: boolean) => set(on ? [...checked, id] : checked.filter((c) => c !== id)),
    /** Every row on the page, or none. */
    toggleAll: (on: boolean) => set(on ? ids : []),
    allChecked: ids.length > 0 && checked.length === ids.length,
    someChecked: checked.length > 0 && checked.length < ids.length,
    set,
  };
}

export type BulkSelection = ReturnType<typeof useBulkSelection>;
