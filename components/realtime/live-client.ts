import type { WireEvent } from '@/lib/realtime/events';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export type LiveClientOptions = {
  url: string;
  onEvent: (e: WireEvent) => void;
  /** After a reconnect (not the first connect): whatever happened meanwhile was missed. */
  onResync: () => void;
  onStatus: (s: LiveStatus) => void;
  /** No message (the server pings every 15 s) for this long means a dead connection. */
  silenceMs?: number;
  /** Back-off bounds between reconnect attempts; each failure doubles the wait. */
  minRetryMs?: number;
  maxRetryMs?: number;
  EventSourceImpl?: typeof EventSource;
};

/**
 * One EventSource with our own reconnect policy on top of the browser's: exponential back-off with
 * jitter (so a restarted server is not hit by every tab at once), a silence watchdog, and a resync
 * after every reconnect because events sent while disconnected are gone.
 */
export function connectLive(o: LiveClientOptions): () => void {
  const Impl = o.EventSourceImpl ?? EventSource;
  const silenceMs = o.silenceMs ?? 45_000;
  const minRetry = o.minRetryMs ?? 1_000;
  const maxRetry = o.maxRetryMs ?? 30_000;
  let source: EventSource | null = null;
  let retryMs = minRetry;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  let connectedBefore = false;
  let disposed = false;

  const drop = () => {
    clearTimeout(silenceTimer);
    source?.close();
    source = null;
  };
  const retry = () => {
    drop();
    if (disposed) return;
    o.onStatus('reconnecting');
    const wait = retryMs * (0.75 + Math.random() * 0.5);
    retryMs = Math.min(retryMs * 2, maxRetry);
    retryTimer = setTimeout(connect, wait);
  };
  const heard = () => {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(retry, silenceMs);
  };
  function connect() {
    if (disposed) return;
    const es = new Impl(o.url);
    source = es;
    heard();
    es.onmessage = (m: MessageEvent<string>) => {
      if (source !== es) return;
      heard();
      let e: WireEvent;
      try {
        e = JSON.parse(m.data) as WireEvent;
      } catch {
        return;
      }
      if (e.type === 'hello') {
        retryMs = minRetry;
        o.onStatus('live');
        if (connectedBefore) o.onResync();
        connectedBefore = true;
        return;
      }
      if (e.type === 'ping') return;
      o.onEvent(e);
    };
    // The browser would retry on its own at a fixed pace; we take over to back off.
    es.onerror = () => {
      if (source === es) retry();
    };
  }
  connect();
  return () => {
    disposed = true;
    clearTimeout(retryTimer);
    drop();
  };
}
