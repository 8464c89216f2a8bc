'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ViewerEvent } from '@/lib/realtime/events';
import { useLiveEvent } from '@/components/realtime/live-provider';

// The collision warning. This tab says, over POST /api/viewers, that its user is viewing the
// conversation (again every HEARTBEAT_MS, so that silence means gone), typing a reply (at most every
// TYPING_EVERY_MS while keys are pressed) or has left; it hears the others over the live channel and
// forgets each one when they leave or stop sending. Nothing is polled and the server keeps nothing.

const HEARTBEAT_MS = 15_000;
/** A viewer not heard from for this long has gone (a closed laptop sends no `left`). */
const VIEWING_TTL_MS = 40_000;
const TYPING_EVERY_MS = 2_000;
/** Typing stops showing this long after the last key. */
const TYPING_TTL_MS = 6_000;
const STOPPED_TYPING_AFTER_MS = 4_000;

/** What this tab heard of one other user: here until `until`, typing until `typingUntil`. */
type Heard = { name: string; until: number; typingUntil: number };
type Seen = { name: string; state: 'viewing' | 'typing' };

function post(conversationId: string, state: ViewerEvent['state'], announce = false) {
  void fetch('/api/viewers', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ conversationId, state, announce }),
    // `left` is sent as the page goes away: keepalive lets it finish.
    keepalive: true,
  }).catch(() => {});
}

export function sentence(viewers: Seen[]): string | null {
  if (!viewers.length) return null;
  const typing = viewers.filter((v) => v.state === 'typing').map((v) => v.name);
  const viewing = viewers.filter((v) => v.state === 'viewing').map((v) => v.name);
  const list = (names: string[]) => (names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
  const parts = [typing.length && `${list(typing)} ${typing.length === 1 ? 'is' : 'are'} typing a reply…`, viewing.length && `${list(viewing)} ${viewing.length === 1 ? 'is' : 'are'} viewing`];
  return parts.filter(Boolean).join(' · ');
}

/**
 * Wraps the reply box: shows who else is here above it, and reports this user's typing in Reply
 * mode (the box's `data-mode`; a note is not a reply the customer could get twice).
 */
export function ConversationViewers({ conversationId, children }: { conversationId: string; children: React.ReactNode }) {
  const [heard, setHeard] = useState<Map<string, Heard>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const lastTyping = useRef(0);
  const stopTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const answerTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const state = useCallback((): 'viewing' | 'typing' => (Date.now() - lastTyping.current < STOPPED_TYPING_AFTER_MS ? 'typing' : 'viewing'), []);

  useEffect(() => {
    post(conversationId, 'viewing', true);
    const beat = setInterval(() => post(conversationId, state()), HEARTBEAT_MS);
    const leave = () => post(conversationId, 'left');
    const back = () => document.visibilityState === 'visible' && post(conversationId, state(), true);
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', back);
    return () => {
      clearInterval(beat);
      clearTimeout(stopTimer.current);
      clearTimeout(answerTimer.current);
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', back);
      leave();
      setHeard(new Map());
    };
  }, [conversationId, state]);

  // Look again when the next entry lapses (typing into viewing, viewing into gone).
  useEffect(() => {
    const moments = [...heard.values()].flatMap((h) => [h.until, h.typingUntil]).filter((t) => t > now);
    if (!moments.length) return;
    const t = setTimeout(() => setNow(Date.now()), Math.min(...moments) - Date.now() + 50);
    return () => clearTimeout(t);
  }, [heard, now]);

  useLiveEvent((e) => {
    if (e.type === 'resync') return post(conversationId, state(), true);
    if (e.type !== 'viewer' || e.conversationId !== conversationId) return;
    const at = Date.now();
    setNow(at);
    setHeard((all) => {
      const next = new Map(all);
      // `viewing` after `typing` says the typing stopped.
      if (e.state === 'left') next.delete(e.userId);
      else next.set(e.userId, { name: e.name, until: at + VIEWING_TTL_MS, typingUntil: e.state === 'typing' ? at + TYPING_TTL_MS : 0 });
      return next;
    });
    // Someone just arrived: tell them we are here now rather than at our next beat (a little
    // jitter, so that a crowd does not answer in one burst).
    if (e.announce && e.state !== 'left' && !answerTimer.current) {
      answerTimer.current = setTimeout(() => {
        answerTimer.current = undefined;
        post(conversationId, state());
      }, 100 + Math.random() * 400);
    }
  });

  function onInput(e: React.FormEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    if (target.tagName !== 'TEXTAREA' || target.closest('[data-mode]')?.getAttribute('data-mode') !== 'reply') return;
    const now = Date.now();
    const due = now - lastTyping.current >= TYPING_EVERY_MS;
    lastTyping.current = now;
    if (due) post(conversationId, 'typing');
    clearTimeout(stopTimer.current);
    stopTimer.current = setTimeout(() => post(conversationId, 'viewing'), STOPPED_TYPING_AFTER_MS);
  }

  const seen: Seen[] = [...heard.values()]
    .filter((h) => h.until > now)
    .map((h) => ({ name: h.name, state: h.typingUntil > now ? ('typing' as const) : ('viewing' as const) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const text = sentence(seen);
  const typing = seen.some((v) => v.state === 'typing');
  return (
    <div onInput={onInput} className="space-y-2">
      <p
        role="status"
        aria-label="Others on this conversation"
        data-testid="viewers"
        className={
          text
            ? `flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm ${typing ? 'border-amber-300 bg-amber-50 text-amber-900' : 'border-slate-200 bg-white text-slate-700'}`
            : 'sr-only'
        }
      >
        {text && <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${typing ? 'animate-pulse bg-amber-500' : 'bg-emerald-500'}`} />}
        {text ?? ''}
      </p>
      {children}
    </div>
  );
}
