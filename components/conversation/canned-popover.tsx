'use client';

import { useState, type KeyboardEvent, type RefObject } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { listCannedRepliesAction } from '@/lib/actions/canned-replies';

// The reply box's `/`: typing a slash at the start of a word opens the canned replies, narrowed by
// what follows it; arrows move, Enter or Tab inserts (variables already filled for this
// conversation by the server), Escape closes. The textarea stays the focus and is the combobox
// (aria-activedescendant points into the list), as the note box's @mention picker does.

type Option = { id: string; scope: 'SHARED' | 'PERSONAL'; title: string; body: string; text: string };
type Slash = { start: number; end: number; query: string };

const MAX_OPTIONS = 8;

export const cannedKeys = {
  all: ['cannedReplies'] as const,
  forConversation: (conversationId: string) => ['cannedReplies', conversationId] as const,
};

/** The `/…` being typed at the caret: a slash at the start or after a space, then up to 40 characters on one line, not starting with a space. */
export function slashQuery(text: string, caret: number): Slash | null {
  const m = /(^|\s)\/((?:\S[^\n/]{0,39})?)$/.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[2].length - 1, end: caret, query: m[2] };
}

/** Replies whose title or text holds every word typed, titles that start with them first. */
export function cannedOptions(all: Option[], query: string): Option[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = all.filter((o) => words.every((w) => o.title.toLowerCase().includes(w) || o.body.toLowerCase().includes(w)));
  const q = query.trim().toLowerCase();
  return [...hits.filter((o) => o.title.toLowerCase().startsWith(q)), ...hits.filter((o) => !o.title.toLowerCase().startsWith(q))].slice(0, MAX_OPTIONS);
}

export function useCannedReplies(o: { conversationId: string; enabled: boolean; text: string; setText: (v: string) => void; textarea: RefObject<HTMLTextAreaElement | null>; listId: string }) {
  const [slash, setSlash] = useState<Slash | null>(null);
  const [active, setActive] = useState(0);
  const open = o.enabled && slash !== null;
  const list = useQuery({
    queryKey: cannedKeys.forConversation(o.conversationId),
    queryFn: async () => {
      const result = await listCannedRepliesAction({ conversationId: o.conversationId });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    enabled: open,
    staleTime: 30_000,
  });
  const options = open ? cannedOptions(list.data ?? [], slash.query) : [];
  const current = Math.min(active, Math.max(options.length - 1, 0));

  function follow(value: string, caret: number) {
    const next = o.enabled ? slashQuery(value, caret) : null;
    if (next?.start !== slash?.start || next?.query !== slash?.query) setActive(0);
    setSlash(next);
  }

  function pick(option: Option) {
    if (!slash) return;
    const value = o.text.slice(0, slash.start) + option.text + o.text.slice(slash.end);
    o.setText(value);
    setSlash(null);
    const caret = slash.start + option.text.length;
    requestAnimationFrame(() => {
      o.textarea.current?.focus();
      o.textarea.current?.setSelectionRange(caret, caret);
    });
  }

  /** Handles the list's keys; true when the key was the list's. */
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open) return false;
    if (e.key === 'Escape') {
      e.preventDefault();
      setSlash(null);
      return true;
    }
    if (!options.length) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
      return true;
    }
    if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
      e.preventDefault();
      pick(options[current]);
      return true;
    }
    return false;
  }

  const comboboxProps = o.enabled
    ? {
        role: 'combobox',
        'aria-autocomplete': 'list' as const,
        'aria-expanded': open,
        'aria-controls': o.listId,
        ...(open && options.length > 0 && { 'aria-activedescendant': `${o.listId}-${options[current].id}` }),
      }
    : {};

  const popover = o.enabled ? (
    <CannedPopover id={o.listId} open={open} loading={list.isPending} failed={list.isError} query={slash?.query ?? ''} options={options} active={current} onPick={pick} />
  ) : null;

  return { follow, close: () => setSlash(null), onKeyDown, comboboxProps, popover };
}

function CannedPopover(p: { id: string; open: boolean; loading: boolean; failed: boolean; query: string; options: Option[]; active: number; onPick: (o: Option) => void }) {
  const empty = p.failed ? 'Could not load canned replies.' : p.loading ? 'Loading canned replies…' : p.query ? `No canned reply matches “${p.query}”.` : 'No canned replies yet.';
  return (
    <div
      hidden={!p.open}
      data-testid="canned-popover"
      // mousedown, not click: the textarea must keep focus (its blur closes the list).
      onMouseDown={(e) => e.preventDefault()}
      className="absolute left-0 z-20 mt-1 w-full max-w-md rounded-md border border-slate-200 bg-white text-sm shadow-lg"
    >
      <ul id={p.id} role="listbox" aria-label="Canned replies" className="max-h-72 overflow-auto py-1">
        {p.options.map((o, i) => (
          <li
            key={o.id}
            id={`${p.id}-${o.id}`}
            role="option"
            aria-selected={i === p.active}
            onClick={() => p.onPick(o)}
            className={`cursor-pointer px-3 py-1.5 ${i === p.active ? 'bg-brand-50 text-brand-900' : 'text-slate-800 hover:bg-slate-50'}`}
          >
            <span className="flex items-center justify-between gap-2">
              <span className="truncate font-medium">{o.title}</span>
              <span className="shrink-0 text-xs text-slate-500">{o.scope === 'SHARED' ? 'Shared' : 'Personal'}</span>
            </span>
            <span className="line-clamp-2 block text-xs text-slate-600">{o.text}</span>
          </li>
        ))}
      </ul>
      {p.options.length === 0 && <p className="px-3 py-2 text-slate-500">{empty}</p>}
      <p className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-3 py-1.5 text-xs text-slate-600">
        <span>↑↓ to choose · Enter to insert · Esc to close</span>
        <Link href="/canned-replies" className="font-medium text-brand-700 hover:underline">
          Manage canned replies
        </Link>
      </p>
    </div>
  );
}
