// The inbox's keyboard shortcuts as plain functions (no React, no DOM globals), so the rules for
// when a key counts and where the selection goes can be tested on their own.

export type ShortcutAction = 'next' | 'previous' | 'open' | 'assign' | 'route' | 'search' | 'help';

/** What the help dialog lists, in order; `keys` are shown as <kbd>s. */
export const SHORTCUTS: { keys: string[]; does: string }[] = [
  { keys: ['j', '↓'], does: 'Select the next conversation' },
  { keys: ['k', '↑'], does: 'Select the previous conversation' },
  { keys: ['Enter'], does: 'Open the selected conversation' },
  { keys: ['a'], does: 'Assign the selected conversation to me' },
  { keys: ['r'], does: 'Send the selected conversation back to routing' },
  { keys: ['/'], does: 'Search' },
  { keys: ['?'], does: 'Show these shortcuts' },
];

/** The part of a keyboard event the decision needs. */
export type KeyInput = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The event had already been handled (by a control or a dialog). */
  defaultPrevented: boolean;
  target: TargetInfo;
};

/** Where the key was pressed. */
export type TargetInfo = {
  /** An input, textarea, select or contenteditable: the key is text, not a command. */
  typing: boolean;
  /** A link, button or other control whose own Enter must not be taken over. */
  interactive: boolean;
  /** A row of the conversation list (the arrows move between rows only from there). */
  row: boolean;
  /** Inside an open dialog: the dialog has the keyboard. */
  inDialog: boolean;
};

const LETTERS: Record<string, ShortcutAction> = { j: 'next', k: 'previous', a: 'assign', r: 'route', '/': 'search', '?': 'help' };

/** The shortcut this key press asks for, or null when it is not one (typing, modifiers, a dialog). */
export function shortcutFor(e: KeyInput): ShortcutAction | null {
  // Ctrl/Cmd/Alt combinations belong to the browser and the system (Ctrl+R reloads, Cmd+A selects all).
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.target.typing || e.target.inDialog) return null;
  const letter = LETTERS[e.key];
  if (letter) return letter;
  if (e.target.row && e.key === 'ArrowDown') return 'next';
  if (e.target.row && e.key === 'ArrowUp') return 'previous';
  // Enter on a link or a button is that control's own; on a row (or nowhere) it opens the selection.
  if (e.key === 'Enter' && (e.target.row || !e.target.interactive)) return 'open';
  return null;
}

/** The id `delta` rows away from the selection, held at the ends; from no selection, the first row. */
export function moveSelection(ids: readonly string[], selected: string | null, delta: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = selected === null ? -1 : ids.indexOf(selected);
  if (at === -1) return ids[0];
  return ids[Math.min(ids.length - 1, Math.max(0, at + delta))];
}

/**
 * The selection after the list changed (a refetch, a live update). It follows the conversation,
 * not the position: rows inserted above do not move it. When the selected conversation is gone,
 * the row that followed it (or else the one before it) that is still there takes its place.
 */
export function reconcileSelection(before: readonly string[], after: readonly string[], selected: string | null): string | null {
  if (selected === null || after.includes(selected)) return selected;
  if (after.length === 0) return null;
  const present = new Set(after);
  const at = before.indexOf(selected);
  if (at === -1) return after[0];
  for (let i = at + 1; i < before.length; i++) if (present.has(before[i])) return before[i];
  for (let i = at - 1; i >= 0; i--) if (present.has(before[i])) return before[i];
  return after[Math.min(at, after.length - 1)];
}
