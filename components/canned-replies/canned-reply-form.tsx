'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { createCannedReplyAction, updateCannedReplyAction } from '@/lib/actions/canned-replies';
import type { ActionError } from '@/lib/actions/result';
import { CANNED_BODY_MAX, CANNED_TITLE_MAX, CANNED_VARIABLES } from '@/lib/validation/canned-replies';
import { errorFor, FieldError, inputClass, labelClass, primaryButton, secondaryButton } from '@/components/ui/controls';
import { cannedKeys } from '@/components/conversation/canned-popover';
import { CharCount, limitMessage } from '@/components/ui/char-count';
import type { CannedReplyData, CannedScope } from './types';

const UNREACHABLE: ActionError = { code: 'INTERNAL', message: 'Could not reach the server. Check your connection and try again.' };

/** Creates a reply in `scope`, or edits `reply`; the variable buttons put `{{name}}` at the caret. */
export function CannedReplyForm({ scope, reply, onDone }: { scope: CannedScope; reply?: CannedReplyData; onDone: () => void }) {
  const id = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(reply?.title ?? '');
  const [body, setBody] = useState(reply?.body ?? '');
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const titleTooLong = limitMessage(title.trim(), CANNED_TITLE_MAX);
  const bodyTooLong = limitMessage(body, CANNED_BODY_MAX);
  const titleError = titleTooLong ?? (error && errorFor({ message: '', fields: error.fields }, 'title'));
  const bodyError = bodyTooLong ?? (error && errorFor({ message: '', fields: error.fields }, 'body'));
  const formError = error && !titleError && !bodyError ? error.message : null;

  function insert(name: string) {
    const el = bodyRef.current;
    const token = `{{${name}}}`;
    const [from, to] = el ? [el.selectionStart, el.selectionEnd] : [body.length, body.length];
    setBody(body.slice(0, from) + token + body.slice(to));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(from + token.length, from + token.length);
    });
  }

  function save() {
    startTransition(async () => {
      const res = await (reply ? updateCannedReplyAction(scope, { id: reply.id, title, body }) : createCannedReplyAction(scope, { title, body })).catch(() => null);
      if (!res?.ok) return setError(res?.error ?? UNREACHABLE);
      setError(null);
      void queryClient.invalidateQueries({ queryKey: cannedKeys.all });
      router.refresh();
      onDone();
    });
  }

  return (
    <form
      aria-label={reply ? `Edit ${reply.title}` : scope === 'SHARED' ? 'New shared reply' : 'New personal reply'}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div>
        <label htmlFor={`${id}-title`} className={labelClass}>
          Title
        </label>
        <input
          id={`${id}-title`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          aria-invalid={titleError ? true : undefined}
          aria-describedby={`${id}-title-count${titleError ? ` ${id}-title-error` : ''}`}
          className={`mt-1 ${inputClass}`}
        />
        <CharCount id={`${id}-title-count`} value={title} max={CANNED_TITLE_MAX} />
        <FieldError id={`${id}-title-error`} message={titleError} />
      </div>
      <div>
        <label htmlFor={`${id}-body`} className={labelClass}>
          Text
        </label>
        <textarea
          ref={bodyRef}
          id={`${id}-body`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={4}
          required
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={`${id}-vars ${id}-body-count${bodyError ? ` ${id}-body-error` : ''}`}
          className={`mt-1 resize-y ${inputClass}`}
        />
        <CharCount id={`${id}-body-count`} value={body} max={CANNED_BODY_MAX} />
        <FieldError id={`${id}-body-error`} message={bodyError} />
        <div id={`${id}-vars`} className="mt-1.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
          <span>Insert a variable:</span>
          {CANNED_VARIABLES.map((v) => (
            <button
              key={v.name}
              type="button"
              title={v.description}
              onClick={() => insert(v.name)}
              className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
            >
              {`{{${v.name}}}`}
            </button>
          ))}
        </div>
      </div>
      <FieldError message={formError} />
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={pending || !!titleTooLong || !!bodyTooLong}>
          {pending ? 'Saving…' : reply ? 'Save' : 'Add reply'}
        </button>
        <button type="button" className={secondaryButton} onClick={onDone} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
