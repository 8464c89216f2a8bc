'use client';

import { useEffect, useRef } from 'react';
import { useRouter } from 'next/navigation';
import type { WireEvent } from '@/lib/realtime/events';
import { useLiveEvent } from './live-provider';

export type LiveTopic = 'conversations' | 'agents' | 'queues' | 'routes' | 'inboxes' | 'users';

// Several events in a row (a reassignment, someone typing tags) become one re-render.
const SETTLE_MS = 250;
const MIN_GAP_MS = 1_000;

export function eventMatches(e: WireEvent, topics: LiveTopic[], conversationId?: string): boolean {
  switch (e.type) {
    case 'conversation':
    case 'conversation-gone':
      return topics.includes('conversations') && (!conversationId || e.id === conversationId);
    case 'agent':
      return topics.includes('agents');
    case 'queues':
      return topics.includes('queues');
    case 'routes':
      return topics.includes('routes');
    case 'inboxes':
      return topics.includes('inboxes');
    case 'users':
      return topics.includes('users');
    case 'scope':
    case 'resync':
      return true;
    default:
      return false;
  }
}

/**
 * Keeps a server-rendered page live: on a matching event it re-reads the page's server part
 * (router.refresh keeps client state such as a half-typed reply).
 */
export function LiveRefresh({ topics, conversationId }: { topics: LiveTopic[]; conversationId?: string }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const last = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveEvent((e) => {
    if (!eventMatches(e, topics, conversationId) || timer.current) return;
    const wait = Math.max(SETTLE_MS, last.current + MIN_GAP_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      router.refresh();
    }, wait);
  });
  return null;
}
