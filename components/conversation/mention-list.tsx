'use client';

import type { MentionCandidate } from '@/lib/domain/mentions';

/** The `@…` being typed: where it starts (the @), where it ends (the caret), and the letters after the @. */
export type MentionState = { start: number; end: number; query: string };

const MAX_OPTIONS = 8;

/** The mention being typed at the caret, if any: `@` at a word start, then up to 40 characters on one line. */
export function mentionQuery(text: string, caret: number): MentionState | null {
  const before = text.slice(0, caret);
  const m = /(^|[\s(])@([^@\n]{0,40})$/.exec(before);
  if (!m) return null;
  const start = caret - m[2].length - 1;
  return { start, end: caret, query: m[2] };
}

/** Who fits what was typed: a name or one of its words, or the email's local part, starting with it. */
export function mentionOptions(people: MentionCandidate[], query: string): MentionCandidate[] {
  const q = query.toLowerCase();
  return people
    .filter((p) => {
      const name = p.name.toLowerCase();
      return name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q)) || p.email.toLowerCase().startsWith(q);
    })
    .slice(0, MAX_OPTIONS);
}

/** The picker under the note box: a listbox the textarea drives (arrows, Enter or Tab, Escape); a click picks too. */
export function MentionList({ id, options, active, onPick }: { id: string; options: MentionCandidate[]; active: number; onPick: (who: MentionCandidate) => void }) {
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="People to mention"
      hidden={options.length === 0}
      className="absolute left-0 z-20 mt-1 max-h-60 w-72 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
    >
      {options.map((p, i) => (
        <li
          key={p.id}
          id={`${id}-${p.id}`}
          role="option"
          aria-selected={i === active}
          // mousedown, not click: the textarea must keep focus (its blur closes the list).
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(p);
          }}
          className={`cursor-pointer px-3 py-1.5 ${i === active ? 'bg-amber-100 text-amber-950' : 'text-slate-800 hover:bg-slate-50'}`}
        >
          <span className="font-medium">{p.name}</span> <span className="text-xs text-slate-500">{p.email}</span>
        </li>
      ))}
    </ul>
  );
}
