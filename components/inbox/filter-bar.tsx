'use client';

import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { PRIORITIES } from '@/lib/validation/conversations';
import { PRIORITY_LABEL } from '@/lib/format';
import { hasNarrowingFilters, INBOX_SORTS, type InboxFilters, type InboxSort } from '@/lib/query/inbox-filters';
import { SORT_COLUMNS, type SortColumn } from './sort-header';
import { inputClass, labelClass, secondaryButton, selectClass } from '@/components/ui/controls';

export type FilterOptions = {
  queues: { id: string; name: string }[];
  inboxes: { id: string; name: string }[];
  agents: { id: string; name: string }[];
  tags: string[];
};

type Patch = Partial<Omit<InboxFilters, 'page'>>;

const TYPING_PAUSE_MS = 400;

/** Each sort in words, as the sort menu offers it. */
const sortLabel = (sort: InboxSort) => {
  const [field, dir] = sort.split(':') as [SortColumn, 'asc' | 'desc'];
  const c = SORT_COLUMNS[field];
  return `${c.label}: ${c.words[dir]}`;
};

/** The inbox's filter controls. Each change goes to the URL (via onChange), so a view can be shared and reloaded. */
export function FilterBar({
  filters,
  effective,
  options,
  onChange,
  searchRef,
}: {
  filters: InboxFilters;
  /** The filters with the defaults filled in (what the controls show). */
  effective: InboxFilters;
  options: FilterOptions;
  onChange: (patch: Patch) => void;
  /** The search field, for the "/" shortcut. */
  searchRef?: React.Ref<HTMLInputElement>;
}) {
  const id = useId();
  const [text, setText] = useState(filters.q ?? '');
  // The search last sent to the URL: tells our own round trip apart from a change made elsewhere
  // (Clear, back button), which must replace what is in the box.
  const sent = useRef(filters.q ?? '');

  useEffect(() => {
    const q = filters.q ?? '';
    if (q !== sent.current) {
      sent.current = q;
      setText(q);
    }
  }, [filters.q]);

  const commitText = (value: string) => {
    const q = value.trim();
    if (q === sent.current) return;
    sent.current = q;
    onChange({ q: q || undefined });
  };
  // Searches after a pause in typing, with the filters current at that moment.
  const commitTyped = useEffectEvent(() => commitText(text));

  useEffect(() => {
    const timer = setTimeout(commitTyped, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const select = (key: keyof Patch, label: string, anyLabel: string | null, choices: { value: string; label: string }[], extra?: React.ReactNode) => (
    <div className={key === 'sort' ? 'w-64' : key === 'assignee' ? 'w-44' : 'w-36'}>
      <label htmlFor={`${id}-${key}`} className={labelClass}>
        {label}
      </label>
      <select
        id={`${id}-${key}`}
        value={(effective[key] as string | undefined) ?? ''}
        onChange={(e) => onChange({ [key]: e.target.value || undefined })}
        className={`mt-1 ${selectClass}`}
      >
        {anyLabel !== null && <option value="">{anyLabel}</option>}
        {extra}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form
      role="search"
      aria-label="Filter conversations"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        commitText(text);
      }}
    >
      <div className="min-w-[13rem] flex-1">
        <label htmlFor={`${id}-q`} className={labelClass}>
          Search
        </label>
        <input
          ref={searchRef}
          id={`${id}-q`}
          type="search"
          aria-keyshortcuts="/"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Topic, customer, message text"
          maxLength={200}
          className={`mt-1 ${inputClass}`}
        />
      </div>
      {select('priority', 'Priority', 'Any priority', PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] })))}
      {select('queue', 'Queue', 'Any queue', options.queues.map((q) => ({ value: q.id, label: q.name })))}
      {select('inbox', 'Inbox', 'Any inbox', options.inboxes.map((i) => ({ value: i.id, label: i.name })))}
      {select(
        'assignee',
        'Assignee',
        null,
        options.agents.map((a) => ({ value: a.id, label: a.name })),
        <>
          <option value="mine">Mine + unassigned</option>
          <option value="any">Anyone</option>
          <option value="me">Me</option>
          <option value="unassigned">Unassigned</option>
        </>,
      )}
      {select('tag', 'Tag', 'Any tag', options.tags.map((t) => ({ value: t, label: t })))}
      {select('sort', 'Sort', null, INBOX_SORTS.map((s) => ({ value: s, label: sortLabel(s) })))}
      {hasNarrowingFilters(filters) && (
        <button
          type="button"
          className={`${secondaryButton} whitespace-nowrap`}
          onClick={() => onChange({ priority: undefined, queue: undefined, inbox: undefined, assignee: undefined, tag: undefined, q: undefined })}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
