'use client';

import { useId, useState } from 'react';
import { addTagAction, removeTagAction } from '@/lib/actions/conversations';
import { useConversationAction } from '@/lib/query/conversations';
import { errorFor, FieldError, inputClass, labelClass, secondaryButton } from '@/components/ui/controls';
import { CharCount, limitMessage } from '@/components/ui/char-count';
import { TAG_NAME_MAX as TAG_MAX } from '@/lib/validation/common';

/** The conversation's tags: × removes one, the box adds one (new names create the tag). Read-only when closed. */
export function TagEditor({ conversationId, tags, suggestions, closed }: { conversationId: string; tags: string[]; suggestions: string[]; closed: boolean }) {
  const id = useId();
  const [name, setName] = useState('');
  const add = useConversationAction(addTagAction);
  const remove = useConversationAction(removeTagAction);
  const tooLong = limitMessage(name.trim(), TAG_MAX);
  const addError = tooLong ?? errorFor(add.error, 'tagName');
  const removing = remove.pending ? remove.lastArgs?.[0].tagName : undefined;

  async function submit() {
    const tagName = name.trim();
    if (!tagName || tooLong) return;
    const result = await add.run({ conversationId, tagName });
    if (result?.ok) setName('');
  }

  return (
    <div>
      {tags.length === 0 ? (
        <p className="text-sm text-slate-500">No tags.</p>
      ) : (
        <ul aria-label="Tags" className="flex flex-wrap gap-1.5">
          {tags.map((t) => (
            <li key={t} className="inline-flex items-center gap-1 rounded bg-brand-50 py-0.5 pl-2 pr-1 text-xs font-medium text-brand-700">
              #{t}
              {!closed && (
                <button
                  type="button"
                  aria-label={`Remove tag ${t}`}
                  disabled={removing === t}
                  onClick={() => void remove.run({ conversationId, tagName: t })}
                  className="rounded px-1 text-sm leading-none text-brand-700 hover:bg-brand-100 disabled:opacity-50"
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.error && <FieldError message={`Could not remove ${remove.lastArgs?.[0].tagName ?? 'the tag'}: ${remove.error.message}`} />}

      {!closed && (
        // The server's wording for a bad name is shown under the box, not the browser's.
        <form
          noValidate
          className="mt-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor={`${id}-tag`} className={labelClass}>
            Add a tag
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id={`${id}-tag`}
              type="text"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                // The refusal was about the name that was there: a new one (or an empty box) clears it.
                if (add.error) add.reset();
              }}
              list={`${id}-suggestions`}
              aria-invalid={addError ? true : undefined}
              aria-describedby={`${id}-count${addError ? ` ${id}-error` : ''}`}
              disabled={add.pending}
              className={inputClass}
            />
            <button type="submit" className={secondaryButton} disabled={add.pending || !name.trim() || !!tooLong}>
              {add.pending ? 'Adding…' : 'Add'}
            </button>
          </div>
          <datalist id={`${id}-suggestions`}>
            {suggestions
              .filter((s) => !tags.includes(s))
              .map((s) => (
                <option key={s} value={s} />
              ))}
          </datalist>
          <CharCount id={`${id}-count`} value={name} max={TAG_MAX} />
          <FieldError id={`${id}-error`} message={addError} />
        </form>
      )}
    </div>
  );
}
