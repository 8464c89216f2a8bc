'use client';

import { useEffect, useRef, useState } from 'react';
import { moveSelection, reconcileSelection } from './inbox-shortcuts';
import { ROW_ATTRIBUTE } from './use-inbox-shortcuts';

/**
 * The selected row of the inbox list, held by conversation id so that a refetch (a live update
 * inserting rows above) keeps the user on the same conversation. A new filter or page starts over.
 * The selected row is the list's one tab stop (roving focus); moving the selection moves the focus.
 */
export function useRowSelection(ids: string[], resetKey: string) {
  // `byList`: the list moved the selection (its row left), not the user.
  const [state, setState] = useState<{ id: string | null; byList: boolean }>({ id: null, byList: false });
  const selected = state.id;
  const idsKey = ids.join(' ');
  const [seen, setSeen] = useState({ idsKey, ids, resetKey });
  const container = useRef<HTMLTableSectionElement>(null);
  // Whether the keyboard focus is in the list, to give it back if the focused row vanished.
  const focusInList = useRef(false);

  // Adjusting state while rendering (not in an effect) so the list never paints a stale selection.
  if (seen.idsKey !== idsKey || seen.resetKey !== resetKey) {
    setSeen({ idsKey, ids, resetKey });
    const next = seen.resetKey !== resetKey ? null : reconcileSelection(seen.ids, ids, selected);
    if (next !== selected) setState({ id: next, byList: true });
  }

  const rowOf = (id: string) => container.current?.querySelector<HTMLElement>(`[${ROW_ATTRIBUTE}="${CSS.escape(id)}"]`) ?? null;

  useEffect(() => {
    // Only when the focus went with the row that left (it now sits on <body>), never taken from elsewhere.
    const lost = document.activeElement === document.body || document.activeElement === null;
    if (state.byList && state.id && focusInList.current && lost) rowOf(state.id)?.focus();
  }, [state]);

  const move = (delta: 1 | -1) => {
    const next = moveSelection(ids, selected, delta);
    if (next === null) return false;
    setState({ id: next, byList: false });
    rowOf(next)?.focus();
    return true;
  };

  return {
    selected,
    /** Selects a row without moving the focus (it is already there: a click or Tab into the row). */
    select: (id: string) => {
      if (id !== selected) setState({ id, byList: false });
    },
    move,
    /** For the rows' container: tracks whether the focus is inside the list. */
    containerProps: {
      ref: container,
      onFocus: () => {
        focusInList.current = true;
      },
      onBlur: (e: React.FocusEvent) => {
        // A null relatedTarget is the focused row being removed (or the window losing focus): keep tracking.
        if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) focusInList.current = false;
      },
    },
  };
}
