import type { RouteEditorData } from '@/lib/domain/routing/editor';
import { faultsByRoute, fingerprint, rowInput, toDraft, toInput, type DraftRoute, type RouteFaults } from './draft';
import type { Banner } from './save-bar';

// The editor's state as one reducer: the draft and its edits, which routes are open, the last
// refusal and the notice above the list. The saved list itself is a query (lib/query/routes.ts);
// `base` is the one of its versions this draft started from, because a save is checked against
// that version, not against whatever this tab has read since.

export type EditorState = {
  /** The saved list the draft started from: its version goes with a save, its routes tell "unsaved changes". */
  base: RouteEditorData;
  draft: DraftRoute[];
  /** Routes whose condition builder is open. */
  expanded: ReadonlySet<string>;
  /** The server's field faults for a refused save, pinned on the draft it refused (by fingerprint). */
  refused: { faults: Map<string, RouteFaults>; for: string } | null;
  banner: Banner | null;
};

export type RoutePatch = Partial<Pick<DraftRoute, 'name' | 'enabled' | 'queueId' | 'priority' | 'routeOnlyDuringWorkingHours' | 'expr'>>;

export type EditorAction =
  | { type: 'add'; route: DraftRoute }
  | { type: 'edit'; key: string; patch: RoutePatch }
  /** Drag and drop, by mouse or keyboard: `key` takes the place of `over`. */
  | { type: 'move'; key: string; over: string }
  /** Enabled ⇄ disabled. */
  | { type: 'toggle'; key: string }
  | { type: 'remove'; key: string }
  /** Opens or closes a route's condition builder. */
  | { type: 'fold'; key: string }
  /** Back to a saved list: discarding, or after this tab's own save, restore or reload. `banner` undefined keeps the notice. */
  | { type: 'reset'; saved: RouteEditorData; banner?: Banner | null }
  /** Someone else saved: an untouched draft takes the newer list; an edited one is kept. */
  | { type: 'rebase'; saved: RouteEditorData; adopted: Banner | null; kept: Banner | null }
  /** The save was not sent (faults the editor sees itself): their routes are opened. */
  | { type: 'blocked'; faults: Map<string, RouteFaults>; banner: Banner }
  /** The server refused the save of `sent` with field faults: pinned on that draft (while it is on screen), their routes opened. */
  | { type: 'refused'; sent: DraftRoute[]; fields: Record<string, string[]>; banner: Banner }
  | { type: 'notify'; banner: Banner | null };

export function initEditor(saved: RouteEditorData): EditorState {
  return { base: saved, draft: saved.routes.map(toDraft), expanded: new Set(), refused: null, banner: null };
}

/** What a save would send, as one comparable string. */
export const draftFingerprint = (draft: DraftRoute[]) => fingerprint(draft.map(toInput));
export const savedFingerprint = (saved: RouteEditorData) => fingerprint(saved.routes.map(rowInput));

/** Unsaved changes: what would be sent differs from what was loaded, so undoing an edit by hand clears it. */
export const isDirty = (state: EditorState) => draftFingerprint(state.draft) !== savedFingerprint(state.base);

function adopt(state: EditorState, saved: RouteEditorData): EditorState {
  return { ...state, base: saved, draft: saved.routes.map(toDraft), expanded: new Set(), refused: null };
}

function edited(state: EditorState, draft: DraftRoute[]): EditorState {
  // "Saved as version 7" describes the list before this edit.
  return { ...state, draft, banner: state.banner?.kind === 'saved' ? null : state.banner };
}

const patchRoute = (state: EditorState, key: string, fn: (r: DraftRoute) => DraftRoute) => edited(state, state.draft.map((r) => (r.key === key ? fn(r) : r)));

function opened(expanded: ReadonlySet<string>, faults: Map<string, RouteFaults>): ReadonlySet<string> {
  const keys = [...faults].filter(([, f]) => f.expression.size).map(([k]) => k);
  return keys.length ? new Set([...expanded, ...keys]) : expanded;
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'add':
      return { ...edited(state, [...state.draft, action.route]), expanded: new Set([...state.expanded, action.route.key]) };
    case 'edit':
      return patchRoute(state, action.key, (r) => ({ ...r, ...action.patch }));
    case 'toggle':
      return patchRoute(state, action.key, (r) => ({ ...r, enabled: !r.enabled }));
    case 'move': {
      const from = state.draft.findIndex((r) => r.key === action.key);
      const to = state.draft.findIndex((r) => r.key === action.over);
      if (from < 0 || to < 0 || from === to) return state;
      const draft = [...state.draft];
      draft.splice(to, 0, ...draft.splice(from, 1));
      return edited(state, draft);
    }
    case 'remove':
      return edited(state, state.draft.filter((r) => r.key !== action.key));
    case 'fold': {
      const expanded = new Set(state.expanded);
      if (!expanded.delete(action.key)) expanded.add(action.key);
      return { ...state, expanded };
    }
    case 'reset':
      return { ...adopt(state, action.saved), banner: action.banner === undefined ? state.banner : action.banner };
    case 'rebase':
      // Not newer than what the draft is based on (a save of this tab's landed first): nothing to do.
      // Never pulled from under the user otherwise either: a drag may be under way.
      if (action.saved.version <= state.base.version) return state;
      if (!isDirty(state)) return { ...adopt(state, action.saved), banner: action.adopted };
      return action.kept ? { ...state, banner: action.kept } : state;
    case 'blocked':
      return { ...state, expanded: opened(state.expanded, action.faults), banner: action.banner };
    case 'refused': {
      // The fields name routes by position in the list that was sent, which edits since may have moved.
      const faults = faultsByRoute(action.sent, action.fields);
      return { ...state, refused: { faults, for: draftFingerprint(action.sent) }, expanded: opened(state.expanded, faults), banner: action.banner };
    }
    case 'notify':
      return { ...state, banner: action.banner };
  }
}

/** The faults to show: the server's, while the draft is the one it refused, under the editor's own. */
export function shownFaults(state: EditorState, local: Map<string, RouteFaults>, current: string): Map<string, RouteFaults> {
  if (!state.refused || state.refused.for !== current) return local;
  const out = new Map(local);
  for (const [key, f] of state.refused.faults) {
    const mine = out.get(key);
    // What the editor sees now wins over what the server said about an earlier state of the same list.
    out.set(
      key,
      mine
        ? { name: mine.name ?? f.name, queueId: mine.queueId ?? f.queueId, priority: mine.priority ?? f.priority, expression: mine.expression.size ? mine.expression : f.expression }
        : f,
    );
  }
  return out;
}
