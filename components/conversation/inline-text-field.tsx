'use client';

import { useId, useState } from 'react';
import { updateConversationAction } from '@/lib/actions/conversations';
import { useConversationAction } from '@/lib/query/conversations';
import { errorFor, FieldError, inputClass, labelClass, primaryButton, secondaryButton } from '@/components/ui/controls';
import { CharCount, limitMessage } from '@/components/ui/char-count';

/** Topic or summary: read as text, edited in place (Edit → Save/Cancel; Escape cancels). Empty clears it. */
export function InlineTextField({
  conversationId,
  name,
  label,
  value,
  maxLength,
  multiline = false,
}: {
  conversationId: string;
  name: 'topic' | 'summary';
  label: string;
  value: string | null;
  maxLength: number;
  multiline?: boolean;
}) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value ?? '');
  const update = useConversationAction(updateConversationAction);
  // Counted and refused past the limit (lib/validation's), never cut: the agent sees what is too much.
  const tooLong = editing ? limitMessage(draft.trim(), maxLength) : null;
  const error = tooLong ?? errorFor(update.error, name);

  function start() {
    setDraft(value ?? '');
    update.reset();
    setEditing(true);
  }

  async function save() {
    const next = draft.trim() || null;
    if (tooLong) return;
    if (next === value) return setEditing(false);
    const result = await update.run({ conversationId, [name]: next });
    if (result?.ok) setEditing(false);
  }

  if (!editing) {
    return (
      <div>
        <div className="flex items-center justify-between gap-2">
          <span className={labelClass}>{label}</span>
          <button type="button" onClick={start} className="rounded text-xs font-medium text-brand-700 hover:underline" aria-label={`Edit ${label.toLowerCase()}`}>
            Edit
          </button>
        </div>
        <p className={`mt-1 whitespace-pre-wrap text-sm ${value ? 'text-slate-800' : 'italic text-slate-500'}`}>{value || `No ${label.toLowerCase()}`}</p>
      </div>
    );
  }

  const common = {
    id: `${id}-input`,
    value: draft,
    autoFocus: true,
    disabled: update.pending,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': `${id}-count${error ? ` ${id}-error` : ''}`,
    className: `mt-1 ${inputClass}`,
  } as const;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setEditing(false);
      }}
    >
      <label htmlFor={`${id}-input`} className={labelClass}>
        {label}
      </label>
      {multiline ? <textarea {...common} rows={4} onChange={(e) => setDraft(e.target.value)} /> : <input {...common} type="text" onChange={(e) => setDraft(e.target.value)} />}
      <CharCount id={`${id}-count`} value={draft} max={maxLength} />
      <FieldError id={`${id}-error`} message={error} />
      <div className="mt-2 flex gap-2">
        <button type="submit" className={primaryButton} disabled={update.pending || !!tooLong}>
          {update.pending ? 'Saving…' : `Save ${label.toLowerCase()}`}
        </button>
        <button type="button" className={secondaryButton} onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
