'use client';

import { useState } from 'react';
import { allowedTypes, coerceValue, numberOf, type BuilderCondition, type BuilderValue, type ValueType } from '@/lib/domain/routing/builder';
import { TYPE_LABEL, suggestionsFor } from './words';
import { useRouteLookups } from './route-lookups';

const control =
  'max-w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none aria-[invalid=true]:border-red-400';

type Props = {
  condition: BuilderCondition;
  onChange: (value: BuilderValue) => void;
  /** Unique within the page: datalists and labels hang on it. */
  idBase: string;
  invalid: boolean;
  describedBy?: string;
  tagNames: readonly string[];
};

/** The value part of a condition: its inputs follow the operator (one value, a list, yes/no) and the chosen type. */
export function ValueInput({ condition, onChange, idBase, invalid, describedBy, tagNames }: Props) {
  const { op, value, path } = condition;
  const types = allowedTypes(op);
  const { inboxes } = useRouteLookups();
  // An inbox is stored by id: pick it by name (a list offers the ids, each labelled with its name).
  const byInbox = path === 'conversation.inboxId' && inboxes.length > 0 && value.type === 'string';
  const suggestions = path === 'tags' ? tagNames : byInbox ? inboxes.map((i) => i.id) : suggestionsFor(path);
  const labelOf = (s: string) => (byInbox ? inboxes.find((i) => i.id === s)?.name : undefined);
  const listId = suggestions.length ? `${idBase}-suggest` : undefined;
  const aria = { 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy };

  const typePicker = types.length > 1 && (
    <select
      aria-label="Value type"
      className={`${control} w-28 shrink-0 pr-7`}
      value={value.type}
      onChange={(e) => onChange(coerceValue({ ...value, type: e.target.value as ValueType } as BuilderValue, op))}
    >
      {types.map((t) => (
        <option key={t} value={t}>
          {TYPE_LABEL[t]}
        </option>
      ))}
    </select>
  );

  return (
    // Value and type wrap to the next line together, so the type never sits alone under the row.
    <div className="flex min-w-56 flex-1 items-center gap-1.5 max-md:min-w-0 max-md:basis-48">
      {listId && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} label={labelOf(s)} />
          ))}
        </datalist>
      )}
      {value.shape === 'list' ? (
        <ListInput value={value} onChange={onChange} listId={listId} aria={aria} isTags={path === 'tags'} />
      ) : value.type === 'boolean' ? (
        <select aria-label="Value" className={`${control} pr-7`} value={value.text} onChange={(e) => onChange({ ...value, text: e.target.value })} {...aria}>
          <option value="true">{op === '$exists' ? 'yes' : 'true'}</option>
          <option value="false">{op === '$exists' ? 'no' : 'false'}</option>
        </select>
      ) : value.type === 'null' ? null : byInbox ? (
        <select aria-label="Inbox" className={`${control} min-w-0 flex-1 pr-7`} value={value.text} onChange={(e) => onChange({ ...value, text: e.target.value })} {...aria}>
          <option value="">Choose an inbox…</option>
          {inboxes.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
          {value.text && !inboxes.some((i) => i.id === value.text) && <option value={value.text}>Unknown inbox ({value.text})</option>}
        </select>
      ) : (
        <input
          aria-label={path === 'tags' ? 'Tag name' : 'Value'}
          className={`${control} min-w-0 flex-1`}
          value={value.text}
          list={listId}
          inputMode={value.type === 'number' ? 'decimal' : undefined}
          placeholder={value.type === 'number' ? 'a number' : path === 'tags' ? 'tag name' : 'value'}
          onChange={(e) => onChange({ ...value, text: e.target.value })}
          {...aria}
        />
      )}
      {typePicker}
    </div>
  );
}

type ListValue = Extract<BuilderValue, { shape: 'list' }>;

/** A list typed one item at a time: Enter or comma adds it; each item has its own remove button. */
function ListInput({
  value,
  onChange,
  listId,
  aria,
  isTags,
}: {
  value: ListValue;
  onChange: (v: BuilderValue) => void;
  listId?: string;
  aria: { 'aria-invalid'?: boolean; 'aria-describedby'?: string };
  isTags: boolean;
}) {
  const [text, setText] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const noun = isTags ? 'tag' : 'value';

  function add() {
    const items = text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (!items.length) return;
    if (value.type === 'number' && items.some((t) => numberOf(t) === null)) return setHint('Only numbers go in this list.');
    if (value.type === 'boolean' && items.some((t) => t !== 'true' && t !== 'false')) return setHint('Type true or false.');
    onChange({ ...value, items: [...value.items, ...items.filter((t) => !value.items.includes(t))] });
    setText('');
    setHint(null);
  }

  return (
    <div className="flex min-w-0 flex-1 flex-wrap items-center gap-1">
      {value.items.map((item, i) => (
        <span key={`${item}-${i}`} className="inline-flex items-center gap-0.5 rounded bg-brand-50 py-0.5 pl-1.5 pr-0.5 text-xs font-medium text-brand-700">
          {isTags ? `#${item}` : item}
          <button
            type="button"
            aria-label={`Remove ${noun} ${item}`}
            className="rounded px-1 text-brand-700 hover:bg-brand-100"
            onClick={() => onChange({ ...value, items: value.items.filter((_, j) => j !== i) })}
          >
            ×
          </button>
        </span>
      ))}
      <input
        aria-label={isTags ? 'Add a tag' : 'Add a value'}
        className={`${control} min-w-24 flex-1`}
        value={text}
        list={listId}
        placeholder={value.items.length ? `another ${noun}` : `type a ${noun}, Enter`}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add();
          } else if (e.key === 'Backspace' && !text && value.items.length) {
            onChange({ ...value, items: value.items.slice(0, -1) });
          }
        }}
        onBlur={add}
        {...aria}
      />
      {hint && (
        <span role="status" className="text-xs text-amber-700">
          {hint}
        </span>
      )}
    </div>
  );
}
