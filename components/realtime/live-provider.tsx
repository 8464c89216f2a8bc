'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { WireEvent } from '@/lib/realtime/events';
import { conversationKeys } from '@/lib/query/conversations';
import { dashboardKeys } from '@/lib/query/dashboard';
import { unreadKeys } from '@/lib/query/unread';
import { connectLiveShared, type LiveStatus } from './live-client';
import { Toasts, type Toast } from './toasts';

type Listener = (e: WireEvent) => void;
type LiveContextValue = { userId: string; status: LiveStatus; subscribe: (fn: Listener) => () => void };

const LiveContext = createContext<LiveContextValue | null>(null);

// A burst of events (a reassignment moves hundreds) becomes one refetch per query.
const INVALIDATE_AFTER_MS = 100;

/**
 * The console's live channel: one EventSource per tab. It keeps TanStack Query's lists and counts
 * fresh, toasts "assigned to you" and "mentioned you", and hands every event to components that listen (server-rendered
 * pages refresh themselves through `useLiveRefresh`).
 */
export function LiveProvider({ userId, children }: { userId: string; children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [toasts, setToasts] = useState<Toast[]>([]);
  const listeners = useRef(new Set<Listener>());
  // The factories' `all` keys are constants, so a Set of them holds each feature once.
  const pending = useRef(new Set<QueryKey>());
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const subscribe = useCallback((fn: Listener) => {
    listeners.current.add(fn);
    return () => void listeners.current.delete(fn);
  }, []);

  useEffect(() => {
    // Marks queries stale in batches. A query already fetching is not cancelled (under a stream of
    // events the list would never finish loading): it is invalidated again once that fetch is done.
    const flush = () => {
      flushTimer.current = undefined;
      for (const k of [...pending.current]) {
        if (queryClient.isFetching({ queryKey: k })) continue;
        pending.current.delete(k);
        void queryClient.invalidateQueries({ queryKey: k });
      }
      if (pending.current.size) flushTimer.current = setTimeout(flush, INVALIDATE_AFTER_MS);
    };
    const invalidate = (...keys: QueryKey[]) => {
      for (const k of keys) pending.current.add(k);
      flushTimer.current ??= setTimeout(flush, INVALIDATE_AFTER_MS);
    };
    const toast = (t: Omit<Toast, 'key'>) => setToasts((all) => [...all.slice(-3), { ...t, key: `${Date.now()}-${Math.random()}` }]);
    const tell = (e: WireEvent) => {
      for (const fn of listeners.current) {
        try {
          fn(e);
        } catch (err) {
          console.error('live event handler failed', err);
        }
      }
    };

    const onEvent = (e: WireEvent) => {
      switch (e.type) {
        case 'conversation': {
          invalidate(conversationKeys.all, dashboardKeys.all);
          const mine = e.agentId === userId;
          if (mine || e.before.agentId === userId) invalidate(unreadKeys.all);
          const byMe = e.actor.kind === 'user' && e.actor.id === userId;
          if (mine && e.before.agentId !== userId && !byMe && e.status !== 'CLOSED') {
            toast({ title: 'A conversation was assigned to you', body: e.topic || 'No topic', href: `/inbox/${e.id}` });
          }
          break;
        }
        case 'conversation-gone':
          invalidate(conversationKeys.all, unreadKeys.all, dashboardKeys.all);
          break;
        case 'agent':
          // Lists show each assignee's availability beside their name.
          invalidate(conversationKeys.all, dashboardKeys.all);
          // The sidebar's own availability, changed elsewhere (another tab, the presence sweep).
          if (e.id === userId) router.refresh();
          break;
        case 'queues':
          // Lists show queue names.
          invalidate(conversationKeys.all, dashboardKeys.all);
          break;
        case 'users':
          invalidate(dashboardKeys.all);
          break;
        case 'routes':
          // Not invalidated: whether a newer list may replace the one on screen depends on the
          // editor's unsaved draft, so the editor listens and decides (lib/query/routes.ts).
          break;
        case 'unread':
          // Read in another tab or on another device.
          invalidate(unreadKeys.all, conversationKeys.all);
          break;
        case 'mention':
          // Only the mentioned user's stream carries it (lib/realtime/stream.ts).
          toast({ title: `${e.byName} mentioned you`, body: 'In an internal note', href: `/inbox/${e.conversationId}` });
          break;
        case 'scope':
        case 'resync':
          return resync();
        case 'signed-out':
          window.location.assign('/signin');
          return;
      }
      tell(e);
    };
    // Whatever happened while disconnected: every query and every listening page reads again.
    const resync = () => {
      void queryClient.invalidateQueries();
      tell({ type: 'resync' });
    };
    let failures = 0;
    let wasLive = false;
    const onStatus = (s: LiveStatus) => {
      setStatus(s);
      if (s === 'live') {
        failures = 0;
        // The page was rendered before this tab listened: what changed in between is read again.
        if (!wasLive) resync();
        wasLive = true;
      } else if (s === 'reconnecting' && ++failures === 2) {
        // Two failures in a row may mean the session ended: then sign in again rather than retry for ever.
        void fetch('/api/auth/session')
          .then((r) => r.json() as Promise<Record<string, unknown>>)
          .then((session) => {
            if (!session || Object.keys(session).length === 0) window.location.assign(`/signin?callbackUrl=${encodeURIComponent(location.pathname + location.search)}`);
          })
          .catch(() => {});
      }
    };
    // A stream answered for someone else (signed in as another user in another tab): start over.
    const onHello = (id: string) => {
      if (id !== userId) window.location.reload();
    };
    return connectLiveShared({ url: '/api/events', channelName: `switchboard-live-${userId}`, onEvent, onResync: resync, onStatus, onHello });
  }, [queryClient, router, userId]);

  return (
    <LiveContext.Provider value={{ userId, status, subscribe }}>
      {children}
      <Toasts toasts={toasts} onDismiss={(key) => setToasts((all) => all.filter((t) => t.key !== key))} />
    </LiveContext.Provider>
  );
}

export function useLive(): LiveContextValue {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive needs <LiveProvider> above it');
  return live;
}

/** Calls `handler` for every live event this tab receives (the latest handler, without resubscribing). */
export function useLiveEvent(handler: Listener): void {
  const { subscribe } = useLive();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => subscribe((e) => latest.current(e)), [subscribe]);
}
