import { describe, expect, it } from 'vitest';
import { moveSelection, reconcileSelection, shortcutFor, type KeyInput, type TargetInfo } from './inbox-shortcuts';

const page: TargetInfo = { typing: false, interactive: false, row: false, inDialog: false };
const press = (key: string, over: Partial<Omit<KeyInput, 'target'>> = {}, target: Partial<TargetInfo> = {}): KeyInput => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  defaultPrevented: false,
  ...over,
  target: { ...page, ...target },
});

describe('shortcutFor', () => {
  it('maps the letters anywhere on the page', () => {
    expect(['j', 'k', 'a', 'r', '/', '?'].map((k) => shortcutFor(press(k)))).toEqual(['next', 'previous', 'assign', 'route', 'search', 'help']);
  });

  it('leaves keys alone while typing, inside a dialog, with modifiers, or once handled', () => {
    expect(shortcutFor(press('j', {}, { typing: true }))).toBeNull();
    expect(shortcutFor(press('/', {}, { typing: true }))).toBeNull();
    expect(shortcutFor(press('?', {}, { inDialog: true }))).toBeNull();
    expect(shortcutFor(press('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('a', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('j', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('k', { defaultPrevented: true }))).toBeNull();
    // Upper case is another key: Shift+J is not a shortcut (but "?" needs Shift on most layouts).
    expect(shortcutFor(press('J'))).toBeNull();
  });

  it('moves with the arrows only from a row, so they still scroll the page elsewhere', () => {
    expect(shortcutFor(press('ArrowDown', {}, { row: true }))).toBe('next');
    expect(shortcutFor(press('ArrowUp', {}, { row: true }))).toBe('previous');
    expect(shortcutFor(press('ArrowDown'))).toBeNull();
  });

  it("opens with Enter on a row or the page, but not from a link's or button's own Enter", () => {
    expect(shortcutFor(press('Enter', {}, { row: true }))).toBe('open');
    expect(shortcutFor(press('Enter'))).toBe('open');
    expect(shortcutFor(press('Enter', {}, { interactive: true }))).toBeNull();
  });
});

describe('moveSelection', () => {
  const ids = ['a', 'b', 'c'];
  it('steps and holds at the ends', () => {
    expect(moveSelection(ids, 'a', 1)).toBe('b');
    expect(moveSelection(ids, 'c', 1)).toBe('c');
    expect(moveSelection(ids, 'a', -1)).toBe('a');
    expect(moveSelection(ids, 'b', -1)).toBe('a');
  });
  it('starts at the first row from no selection, or one no longer listed', () => {
    expect(moveSelection(ids, null, 1)).toBe('a');
    expect(moveSelection(ids, null, -1)).toBe('a');
    expect(moveSelection(ids, 'gone', 1)).toBe('a');
    expect(moveSelection([], null, 1)).toBeNull();
  });
});

describe('reconcileSelection', () => {
  it('follows the conversation when rows arrive above it', () => {
    expect(reconcileSelection(['a', 'b', 'c'], ['new', 'a', 'b', 'c'], 'b')).toBe('b');
  });
  it('takes the row that followed a conversation that left, else the one before', () => {
    expect(reconcileSelection(['a', 'b', 'c', 'd'], ['a', 'c', 'd'], 'b')).toBe('c');
    expect(reconcileSelection(['a', 'b', 'c', 'd'], ['a', 'd'], 'b')).toBe('d');
    expect(reconcileSelection(['a', 'b', 'c'], ['a', 'b'], 'c')).toBe('b');
  });
  it('falls back by position when none of its neighbours stayed, and to nothing on an empty list', () => {
    expect(reconcileSelection(['a', 'b', 'c'], ['x', 'y'], 'c')).toBe('y');
    expect(reconcileSelection(['a', 'b'], [], 'a')).toBeNull();
    expect(reconcileSelection(['a'], ['b'], null)).toBeNull();
  });
});
