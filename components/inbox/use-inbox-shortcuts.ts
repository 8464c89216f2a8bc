'use client';

import { useEffect, useEffectEvent } from 'react';
import { shortcutFor, type ShortcutAction, type TargetInfo } from './inbox-shortcuts';

/** A handler returns false when it had nothing to do (no selection), so the key keeps its default. */
export type ShortcutHandlers = Record<ShortcutAction, () => boolean | void>;

const TYPING = 'input, textarea, select';
const INTERACTIVE = 'a[href], button, summary, [role="button"], [role="link"], [role="switch"], [role="checkbox"], [role="tab"], [role="menuitem"]';

/** Marks the list's rows; the arrows move the selection only from one of them. */
export const ROW_ATTRIBUTE = 'data-inbox-row';

export function describeTarget(target: EventTarget | null): TargetInfo {
  const el = target instanceof Element ? target : null;
  if (!el) return { typing: false, interactive: false, row: false, inDialog: false };
  return {
    typing: el.matches(TYPING) || (el instanceof HTMLElement && el.isContentEditable),
    interactive: el.matches(INTERACTIVE),
    row: el.hasAttribute(ROW_ATTRIBUTE),
    inDialog: !!el.closest('dialog[open], [role="dialog"], [role="alertdialog"]'),
  };
}

/**
 * Listens on the whole document, so the shortcuts work wherever the focus is on the inbox page
 * (the page itself, a row, a link), and never while the user types or a dialog is open.
 */
export function useInboxShortcuts(handlers: ShortcutHandlers) {
  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    const action = shortcutFor({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      defaultPrevented: e.defaultPrevented,
      target: describeTarget(e.target),
    });
    // A held j or k keeps moving; a held a, r or Enter must not fire its action again and again.
    if (!action || (e.repeat && (action === 'assign' || action === 'route' || action === 'open'))) return;
    if (handlers[action]() !== false) e.preventDefault();
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKeyDown(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
