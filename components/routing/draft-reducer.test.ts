import { describe, expect, it } from 'vitest';
import type { RouteEditorData, RouteRow } from '@/lib/domain/routing/editor';
import { newDraftRoute } from './draft';
import { editorReducer, initEditor, isDirty, shownFaults, draftFingerprint, type EditorAction, type EditorState } from './draft-reducer';

const row = (id: string, over: Partial<RouteRow> = {}): RouteRow => ({
  id,
  name: `Route ${id}`,
  enabled: true,
  expression: { $eq: { 'conversation.channel': 'EMAIL' } },
  queueId: 'q1',
  priority: null,
  ...over,
});

const saved = (version: number, routes: RouteRow[]): RouteEditorData => ({ version, routes, versions: [], now: '2025-01-01T00:00:00.000Z' });

const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);
const names = (s: EditorState) => s.draft.map((d) => d.name);

const v1 = saved(1, [row('a'), row('b'), row('c')]);

describe('route editor draft reducer', () => {
  it('starts from the saved list, untouched', () => {
    const s = initEditor(v1);
    expect(names(s)).toEqual(['Route a', 'Route b', 'Route c']);
    expect(s.draft.map((d) => d.key)).toEqual(['a', 'b', 'c']);
    expect(isDirty(s)).toBe(false);
    expect(s.banner).toBeNull();
  });

  it('edits a route; undoing the edit by hand clears "unsaved changes"', () => {
    const s = run(initEditor(v1), { type: 'edit', key: 'b', patch: { name: 'Billing' } });
    expect(names(s)).toEqual(['Route a', 'Billing', 'Route c']);
    expect(isDirty(s)).toBe(true);
    expect(isDirty(run(s, { type: 'edit', key: 'b', patch: { name: 'Route b' } }))).toBe(false);
  });

  it('moves a route onto another one’s place, both ways', () => {
    const s = initEditor(v1);
    expect(names(run(s, { type: 'move', key: 'c', over: 'a' }))).toEqual(['Route c', 'Route a', 'Route b']);
    expect(names(run(s, { type: 'move', key: 'a', over: 'b' }))).toEqual(['Route b', 'Route a', 'Route c']);
    // Dropped where it was, or on something that is gone: the same state.
    expect(run(s, { type: 'move', key: 'a', over: 'a' })).toBe(s);
    expect(run(s, { type: 'move', key: 'a', over: 'zz' })).toBe(s);
    expect(isDirty(run(s, { type: 'move', key: 'c', over: 'a' }, { type: 'move', key: 'c', over: 'c' }))).toBe(true);
    expect(isDirty(run(s, { type: 'move', key: 'c', over: 'a' }, { type: 'move', key: 'c', over: 'b' }))).toBe(false);
  });

  it('toggles enabled, removes, and adds a route with its conditions open', () => {
    let s = run(initEditor(v1), { type: 'toggle', key: 'a' });
    expect(s.draft[0].enabled).toBe(false);
    expect(run(s, { type: 'toggle', key: 'a' }).draft[0].enabled).toBe(true);
    s = run(s, { type: 'remove', key: 'b' });
    expect(names(s)).toEqual(['Route a', 'Route c']);
    const added = newDraftRoute('q2', 3);
    s = run(s, { type: 'add', route: added });
    expect(names(s)).toEqual(['Route a', 'Route c', 'New route 3']);
    expect(s.expanded.has(added.key)).toBe(true);
    expect(s.draft[2].id).toBeUndefined();
  });

  it('folds a route’s conditions open and closed', () => {
    const s = run(initEditor(v1), { type: 'fold', key: 'b' });
    expect([...s.expanded]).toEqual(['b']);
    expect([...run(s, { type: 'fold', key: 'b' }).expanded]).toEqual([]);
  });

  it('an edit clears a "saved" notice but keeps a warning', () => {
    const saved = run(initEditor(v1), { type: 'notify', banner: { kind: 'saved', message: 'Saved as version 1.' } });
    expect(run(saved, { type: 'toggle', key: 'a' }).banner).toBeNull();
    const remote = run(initEditor(v1), { type: 'notify', banner: { kind: 'remote', message: 'Sam saved version 2 while you were editing.' } });
    expect(run(remote, { type: 'toggle', key: 'a' }).banner?.kind).toBe('remote');
  });

  it('reset-to-saved drops the draft, open routes and pinned faults; the notice stays unless given', () => {
    let s = run(initEditor(v1), { type: 'fold', key: 'a' }, { type: 'edit', key: 'a', patch: { name: '' } }, { type: 'notify', banner: { kind: 'error', message: 'x' } });
    s = run(s, { type: 'refused', sent: s.draft, fields: { '[0].name': ['Give the route a name.'] }, banner: { kind: 'error', message: 'Refused.' } });
    const discarded = run(s, { type: 'reset', saved: s.base });
    expect(names(discarded)).toEqual(['Route a', 'Route b', 'Route c']);
    expect(isDirty(discarded)).toBe(false);
    expect(discarded.expanded.size).toBe(0);
    expect(discarded.refused).toBeNull();
    expect(discarded.banner).toEqual({ kind: 'error', message: 'Refused.' });

    const v2 = saved(2, [row('a', { name: 'Renamed' })]);
    const after = run(s, { type: 'reset', saved: v2, banner: { kind: 'saved', message: 'Saved as version 2.' } });
    expect(after.base.version).toBe(2);
    expect(names(after)).toEqual(['Renamed']);
    expect(after.banner?.kind).toBe('saved');
  });

  describe('rebase after someone else saved', () => {
    const v2 = saved(2, [row('b'), row('a', { priority: 'HIGH' })]);
    const adopted = { kind: 'saved', message: 'Sam saved version 2; you are looking at it.' } as const;
    const kept = { kind: 'remote', message: 'Sam saved version 2 while you were editing.' } as const;

    it('an untouched draft takes the newer list and says so', () => {
      const s = run(initEditor(v1), { type: 'fold', key: 'a' }, { type: 'rebase', saved: v2, adopted, kept });
      expect(s.base.version).toBe(2);
      expect(names(s)).toEqual(['Route b', 'Route a']);
      expect(s.draft[1].priority).toBe('HIGH');
      expect(isDirty(s)).toBe(false);
      expect(s.expanded.size).toBe(0);
      expect(s.banner).toEqual(adopted);
    });

    it('an edited draft is kept, still based on the version it started from (a save of it is then refused as stale)', () => {
      const edited = run(initEditor(v1), { type: 'edit', key: 'c', patch: { priority: 'URGENT' } });
      const s = run(edited, { type: 'rebase', saved: v2, adopted, kept });
      expect(s.draft).toBe(edited.draft);
      expect(s.base.version).toBe(1);
      expect(isDirty(s)).toBe(true);
      expect(s.banner).toEqual(kept);
      // A resync read has nothing to tell an edited draft.
      expect(run(edited, { type: 'rebase', saved: v2, adopted: null, kept: null })).toBe(edited);
    });

    it('a version not newer than the draft’s (this tab’s own save landed first) changes nothing', () => {
      const s = initEditor(v2);
      expect(run(s, { type: 'rebase', saved: v2, adopted, kept })).toBe(s);
      expect(run(s, { type: 'rebase', saved: v1, adopted, kept })).toBe(s);
    });
  });

  describe('refusals', () => {
    it('blocked: opens the routes whose conditions have faults, pins nothing', () => {
      const faults = new Map([['b', { expression: new Map([['', ['Enter a value.']]]) }], ['c', { name: 'Give the route a name.', expression: new Map() }]]);
      const s = run(initEditor(v1), { type: 'blocked', faults, banner: { kind: 'error', message: '2 routes need fixing first; nothing was saved.' } });
      expect([...s.expanded]).toEqual(['b']);
      expect(s.refused).toBeNull();
      expect(s.banner?.kind).toBe('error');
    });

    it('refused: the server’s faults are shown on the draft that was sent, and only while it is on screen', () => {
      const base = initEditor(v1);
      const sent = base.draft;
      // Edited while the save was out: the faults name positions of the list that was sent.
      const moved = run(base, { type: 'move', key: 'c', over: 'a' });
      const s = run(moved, { type: 'refused', sent, fields: { '[1].queueId': ['No queue has this id.'], '[2].expression': ['Expected an object.'] }, banner: { kind: 'error', message: 'Refused.' } });
      expect(s.refused?.faults.get('b')?.queueId).toBe('No queue has this id.');
      expect(s.refused?.faults.get('c')?.expression.size).toBe(1);
      expect(s.expanded.has('c')).toBe(true);
      expect(shownFaults(s, new Map(), draftFingerprint(s.draft)).size).toBe(0);
      const back = run(s, { type: 'move', key: 'c', over: 'c' }, { type: 'move', key: 'c', over: 'b' });
      expect(names(back)).toEqual(['Route a', 'Route b', 'Route c']);
      expect(shownFaults(back, new Map(), draftFingerprint(back.draft)).get('b')?.queueId).toBe('No queue has this id.');
    });

    it('what the editor sees itself wins over the server’s word on the same field', () => {
      const s0 = initEditor(v1);
      const s = run(s0, { type: 'refused', sent: s0.draft, fields: { '[0].name': ['Too long.'], '[0].queueId': ['No queue has this id.'] }, banner: { kind: 'error', message: 'Refused.' } });
      const local = new Map([['a', { name: 'Give the route a name.', expression: new Map() }]]);
      const shown = shownFaults(s, local, draftFingerprint(s.draft)).get('a');
      expect(shown).toMatchObject({ name: 'Give the route a name.', queueId: 'No queue has this id.' });
    });
  });
});
