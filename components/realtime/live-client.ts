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

type TabMessage =
  | { kind: 'event'; event: WireEvent }
  | { kind: 'resync' }
  | { kind: 'status'; status: LiveStatus }
  | { kind: 'status?' };

/**
 * One connection per browser, not per tab: a browser keeps at most six HTTP/1.1 connections to a
 * host, and agents open many conversation tabs. The tab holding a Web Lock is the leader; it owns
 * the EventSource and relays everything to the other tabs over a BroadcastChannel. When it closes,
 * another tab takes the lock, connects, and has every tab refetch what the gap may have hidden.
 * Falls back to a connection per tab where these APIs are missing.
 */
export function connectLiveShared(o: LiveClientOptions & { channelName: string }): () => void {
  if (typeof navigator === 'undefined' || !navigator.locks || typeof BroadcastChannel === 'undefined') return connectLive(o);
  const channel = new BroadcastChannel(o.channelName);
  let leading = false;
  let status: LiveStatus = 'connecting';
  let disposed = false;
  let release = () => {};
  const post = (m: TabMessage) => channel.postMessage(m);

  channel.onmessage = (m: MessageEvent<TabMessage>) => {
    const msg = m.data;
    if (msg.kind === 'status?') {
      if (leading) post({ kind: 'status', status });
    } else if (!leading) {
      if (msg.kind === 'event') o.onEvent(msg.event);
      else if (msg.kind === 'resync') o.onResync();
      else if (msg.kind === 'status') o.onStatus(msg.status);
    }
  };
  o.onStatus('connecting');
  post({ kind: 'status?' });

  const lead = (tookOver: boolean) => {
    if (disposed) return;
    leading = true;
    let first = true;
    const stop = connectLive({
      ...o,
      onEvent: (event) => {
        o.onEvent(event);
        post({ kind: 'event', event });
      },
      onResync: () => {
        o.onResync();
        post({ kind: 'resync' });
      },
      onStatus: (s) => {
        status = s;
        o.onStatus(s);
        post({ kind: 'status', status: s });
        // Taking over from a tab that closed: events may have passed while nobody listened.
        if (s === 'live' && first && tookOver) {
          o.onResync();
          post({ kind: 'resync' });
        }
        if (s === 'live') first = false;
      },
    });
    return new Promise<void>((resolve) => {
      release = () => {
        stop();
        resolve();
      };
    });
  };
  const lockName = `${o.channelName}-leader`;
  const waiting = new AbortController();
  void navigator.locks
    .request(lockName, { ifAvailable: true }, (lock) => (lock ? lead(false) : null))
    .then((r) => {
      if (r === null && !disposed) return navigator.locks.request(lockName, { signal: waiting.signal }, () => lead(true));
    })
    .catch(() => {}); // aborted on dispose

  return () => {
    disposed = true;
    leading = false;
    waiting.abort();
    release();
    channel.close();
  };
}
