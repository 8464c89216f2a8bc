'use client';

import { useId, useState } from 'react';
import { sendReplyAction } from '@/lib/actions/conversations';
import { useConversationAction } from '@/lib/query/conversations';
import { MESSAGE_TEXT_MAX } from '@/lib/validation/conversations';
import { errorFor, FieldError, inputClass, primaryButton } from '@/components/ui/controls';

/** Sends an outbound message as the signed-in agent. Off, and saying why, once the conversation is closed. */
export function ReplyBox({ conversationId, closed }: { conversationId: string; closed: boolean }) {
  const id = useId();
  const [text, setText] = useState('');
  const send = useConversationAction(sendReplyAction);
  const error = errorFor(send.error, 'content.text');

  async function submit() {
    const body = text.trim();
    if (!body || closed || send.pending) return;
    const result = await send.run({ conversationId, text: body });
    if (result?.ok) setText('');
  }

  return (
    <form
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-700">
        Reply
      </label>
      <textarea
        id={`${id}-text`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
        rows={3}
        maxLength={MESSAGE_TEXT_MAX}
        disabled={closed}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        placeholder={closed ? undefined : 'Write to the customer…'}
        className={`mt-1 resize-y ${inputClass}`}
      />
      <FieldError id={`${id}-error`} message={error} />
      <div className="mt-2 flex items-center justify-between gap-3">
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {closed ? 'Replies are off because this conversation is closed.' : 'Ctrl+Enter sends.'}
        </p>
        <button type="submit" className={primaryButton} disabled={closed || send.pending || !text.trim()}>
          {send.pending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
