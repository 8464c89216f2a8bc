'use client';

import { useId, useRef, useState } from 'react';
import { addNoteAction, sendReplyAction } from '@/lib/actions/conversations';
import type { MentionCandidate } from '@/lib/domain/mentions';
import { useConversationAction } from '@/lib/query/conversations';
import { MESSAGE_TEXT_MAX } from '@/lib/validation/conversations';
import { NOTE_CONTENT_MAX } from '@/lib/validation/notes';
import { errorFor, FieldError, inputClass, primaryButton } from '@/components/ui/controls';
import { CharCount, limitMessage } from '@/components/ui/char-count';
import { clientKey } from '@/components/ui/client-key';
import { MentionList, mentionQuery, mentionOptions, type MentionState } from './mention-list';
import { useCannedReplies } from './canned-popover';

type Mode = 'reply' | 'note';

// The primary button in the note's yellow, so the button says which of the two it sends.
const noteButton = primaryButton.replace('bg-brand-600', 'bg-amber-600').replace('hover:bg-brand-700', 'hover:bg-amber-700');

/**
 * Writes to the customer (Reply: an outbound message as the signed-in agent) or to the team (Note:
 * an internal note, never sent; `@` offers the people who may see the conversation). Each mode
 * keeps its own draft, so a half-written note never goes out as a reply. Replies are off once the
 * conversation is closed; notes are not (they change nothing about it).
 */
export function ReplyBox({ conversationId, closed, people = [] }: { conversationId: string; closed: boolean; people?: MentionCandidate[] }) {
  const id = useId();
  const [mode, setMode] = useState<Mode>('reply');
  const [drafts, setDrafts] = useState<Record<Mode, string>>({ reply: '', note: '' });
  const [mention, setMention] = useState<MentionState | null>(null);
  const [active, setActive] = useState(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // The reply draft's key, made at the first send of this text: a double click or a retry of the
  // same text sends the same key and the server stores one message. Editing the text drops it.
  const replyKey = useRef<string | null>(null);
  // Set at once (pending is state and lands a render later): the second click of a double click sees it.
  const inFlight = useRef(false);
  const send = useConversationAction(sendReplyAction);
  const note = useConversationAction(addNoteAction);
  const isNote = mode === 'note';
  const action = isNote ? note : send;
  const text = drafts[mode];
  const max = isNote ? NOTE_CONTENT_MAX : MESSAGE_TEXT_MAX;
  const tooLong = limitMessage(text, max);
  const error = tooLong ?? (isNote ? errorFor(note.error, 'content', 'content.text') : errorFor(send.error, 'content.text'));
  const off = closed && !isNote;
  const options = isNote && mention ? mentionOptions(people, mention.query) : [];
  const listOpen = options.length > 0;

  const setText = (value: string) => {
    if (mode === 'reply') replyKey.current = null;
    setDrafts((d) => ({ ...d, [mode]: value }));
  };
  // `/` in Reply mode: the canned replies (components/conversation/canned-popover.tsx).
  const canned = useCannedReplies({ conversationId, enabled: !isNote && !off, text, setText, textarea, listId: `${id}-canned` });

  /** Where the caret is decides whether the picker is open: right after `@` and a few letters. */
  function follow(value: string, caret: number) {
    if (!isNote) return setMention(null);
    const next = mentionQuery(value, caret);
    setMention(next);
    if (next?.start !== mention?.start || next?.query !== mention?.query) setActive(0);
  }

  function pick(who: MentionCandidate) {
    if (!mention) return;
    const inserted = `@${who.name} `;
    const value = text.slice(0, mention.start) + inserted + text.slice(mention.end);
    setText(value);
    setMention(null);
    const caret = mention.start + inserted.length;
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(caret, caret);
    });
  }

  async function submit() {
    const body = text.trim();
    if (!body || off || tooLong || inFlight.current) return;
    inFlight.current = true;
    try {
      const result = isNote
        ? await note.run({ conversationId, text: body })
        : await send.run({ conversationId, text: body, clientMessageId: (replyKey.current ??= clientKey()) });
      if (result?.ok) {
        setText('');
        setMention(null);
      }
    } finally {
      inFlight.current = false;
    }
  }

  const hintId = `${id}-hint`;
  const listId = `${id}-mentions`;
  return (
    <form
      data-testid="composer"
      className={`rounded-lg border p-4 shadow-sm ${isNote ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-white'}`}
      data-mode={mode}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        {/* Toggle buttons, not radios: their names come from their text, so the textarea stays the one control labelled "Reply". */}
        <div role="group" aria-label="Write to" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm">
          {(['reply', 'note'] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => {
                setMode(m);
                setMention(null);
                textarea.current?.focus();
              }}
              className={`rounded px-3 py-1 font-medium focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none ${
                mode === m ? (m === 'note' ? 'bg-amber-300 text-amber-950' : 'bg-brand-600 text-white') : 'text-slate-600 hover:bg-slate-100'
              }`}
            >
              {m === 'reply' ? 'Reply' : 'Note'}
            </button>
          ))}
        </div>
        {isNote && <p className="text-xs font-medium text-amber-900">Internal note — not sent to the customer</p>}
      </div>
      <label htmlFor={`${id}-text`} className="mt-3 block text-sm font-medium text-slate-700">
        {isNote ? 'Internal note' : 'Reply'}
      </label>
      <div className="relative">
        <textarea
          ref={textarea}
          id={`${id}-text`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            follow(e.target.value, e.target.selectionStart);
            canned.follow(e.target.value, e.target.selectionStart);
          }}
          onSelect={(e) => {
            follow(e.currentTarget.value, e.currentTarget.selectionStart);
            canned.follow(e.currentTarget.value, e.currentTarget.selectionStart);
          }}
          onBlur={() => {
            setMention(null);
            canned.close();
          }}
          onKeyDown={(e) => {
            if (canned.onKeyDown(e)) return;
            if (listOpen) {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
                return;
              }
              if (e.key === 'Enter' || e.key === 'Tab') {
                e.preventDefault();
                pick(options[Math.min(active, options.length - 1)]);
                return;
              }
              if (e.key === 'Escape') {
                e.preventDefault();
                setMention(null);
                return;
              }
            }
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit();
            }
          }}
          rows={3}
          disabled={off}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${hintId} ${id}-count${error ? ` ${id}-error` : ''}`}
          {...(isNote && {
            role: 'combobox',
            'aria-autocomplete': 'list' as const,
            'aria-expanded': listOpen,
            'aria-controls': listId,
            ...(listOpen && { 'aria-activedescendant': `${listId}-${options[Math.min(active, options.length - 1)].id}` }),
          })}
          {...canned.comboboxProps}
          placeholder={off ? undefined : isNote ? 'Write to your team… type @ to mention someone' : 'Write to the customer… type / for a canned reply'}
          className={`mt-1 resize-y ${inputClass} ${isNote ? 'border-amber-300 bg-amber-50/40' : ''}`}
        />
        {canned.popover}
        {isNote && <MentionList id={listId} options={listOpen ? options : []} active={Math.min(active, Math.max(options.length - 1, 0))} onPick={pick} />}
      </div>
      <FieldError id={`${id}-error`} message={error} />
      <div className="mt-2 flex items-center justify-between gap-3">
        <p id={hintId} className={`text-xs ${isNote ? 'text-amber-900' : 'text-slate-500'}`}>
          {off
            ? 'Replies are off because this conversation is closed. Internal notes can still be added.'
            : isNote
              ? 'Only people who can see this conversation read notes. Ctrl+Enter adds the note.'
              : 'Ctrl+Enter sends.'}
        </p>
        <CharCount id={`${id}-count`} value={text} max={max} className="ml-auto" />
        <button
          type="submit"
          className={isNote ? noteButton : primaryButton}
          disabled={off || action.pending || !text.trim() || !!tooLong}
          aria-busy={action.pending || undefined}
        >
          {isNote ? (note.pending ? 'Adding…' : 'Add note') : send.pending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
