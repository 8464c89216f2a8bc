import type { WireEvent } from '@/lib/realtime/events';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export type LiveClientOptions = {
  url: string;
  onEvent: (e: WireEvent) => void;
  /** After a reconnect (not the first connect): whatever happened meanwhile was missed. */
  onResync: () => void;
  onStatus: (s: LiveStatus) => void;
  /** Every message, pings included: the connection is alive. */
  onHeard?: () => void;
  /** The server's hello names the user the stream is for. */
  onHello?: (userId: string) => void;
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
      o.onHeard?.();
      let e: WireEvent;
      try {
        e = JSON.parse(m.data) as WireEvent;
      } catch {
        return;
      }
      if (e.type === 'hello') {
        o.onHello?.(e.userId);
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
  | { kind: 'status?' }
  | { kind: 'alive' };

/** A follower that hears nothing from the leader for this long (pings relay every 15 s) takes over. */
const LEADER_SILENCE_MS = 60_000;

/**
 * One connection per browser, not per tab: a browser keeps at most six HTTP/1.1 connections to a
 * host, and agents open many conversation tabs. The tab holding a Web Lock is the leader; it owns
 * the EventSource and relays everything (pings too) to the other tabs over a BroadcastChannel.
 * When it closes, another tab gets the lock, connects, and has every tab refetch what the gap may
 * have hidden; a visible follower that stops hearing from a leader (a frozen background tab)
 * steals the lock. Falls back to a connection per tab where these APIs are missing.
 */
export function connectLiveShared(o: LiveClientOptions & { channelName: string }): () => void {
  if (typeof navigator === 'undefined' || !navigator.locks || typeof BroadcastChannel === 'undefined') return connectLive(o);
  const locks = navigator.locks;
  const lockName = `${o.channelName}-leader`;
  const channel = new BroadcastChannel(o.channelName);
  let leading = false;
  let status: LiveStatus = 'connecting';
  let disposed = false;
  let stopLeading = () => {};
  let waiting = new AbortController();
  let lastHeard = Date.now();
  let watchdog: ReturnType<typeof setInterval> | undefined;
  const post = (m: TabMessage) => channel.postMessage(m);

  channel.onmessage = (m: MessageEvent<TabMessage>) => {
    const msg = m.data;
    if (msg.kind === 'status?') {
      if (leading) post({ kind: 'status', status });
      return;
    }
    if (leading) return;
    lastHeard = Date.now();
    if (msg.kind === 'event') o.onEvent(msg.event);
    else if (msg.kind === 'resync') o.onResync();
    else if (msg.kind === 'status') o.onStatus(msg.status);
  };

  const lead = (tookOver: boolean) => {
    if (disposed) return;
    leading = true;
    let first = true;
    const stop = connectLive({
      ...o,
      // Other tabs first: a throwing handler here must not keep the event from them.
      onEvent: (event) => {
        post({ kind: 'event', event });
        o.onEvent(event);
      },
      onResync: () => {
        post({ kind: 'resync' });
        o.onResync();
      },
      onHeard: () => post({ kind: 'alive' }),
      onStatus: (s) => {
        status = s;
        post({ kind: 'status', status: s });
        o.onStatus(s);
        // Taking over from a tab that closed: events may have passed while nobody listened.
        if (s === 'live' && first && tookOver) {
          post({ kind: 'resync' });
          o.onResync();
        }
        if (s === 'live') first = false;
      },
    });
    return new Promise<void>((resolve) => {
      stopLeading = () => {
        stopLeading = () => {};
        leading = false;
        stop();
        resolve();
      };
    });
  };
  /** Our lock was stolen, or a request ended: stop leading and wait in line again. */
  const lost = () => {
    stopLeading();
    if (!disposed) queue();
  };
  const queue = () => {
    waiting.abort();
    const mine = (waiting = new AbortController());
    // Rejected because we withdrew it (dispose, stealing): nothing to do. Otherwise it was stolen.
    locks.request(lockName, { signal: mine.signal }, () => lead(true)).then(
      () => {},
      () => !mine.signal.aborted && lost(),
    );
  };

  o.onStatus('connecting');
  post({ kind: 'status?' });
  locks.request(lockName, { ifAvailable: true }, (lock) => (lock ? lead(false) : null)).then((r) => {
    if (r === null && !disposed) queue();
  }, lost);

  // A leader that went quiet (frozen, throttled) is replaced by a follower someone is looking at.
  watchdog = setInterval(() => {
    if (leading || disposed || document.visibilityState !== 'visible' || Date.now() - lastHeard < LEADER_SILENCE_MS) return;
    lastHeard = Date.now();
    waiting.abort();
    locks.request(lockName, { steal: true }, () => lead(true)).then(() => {}, lost);
  }, 5_000);

  return () => {
    disposed = true;
    clearInterval(watchdog);
    waiting.abort();
    stopLeading();
    channel.close();
  };
}
