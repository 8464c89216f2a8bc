import type { Tx } from '../db';
import { can } from '../access/roles';
import { canSee, loadScope, type Scope } from '../access/visibility';
import type { EventBus } from './bus';
import type { BusEvent, ConversationEvent, WireEvent } from './events';

function conversationFor(scope: Scope, e: ConversationEvent): WireEvent | null {
  // SPEC §2 applied to the state the event carries: a browser hears only of what a read would show it.
  if (canSee(scope, e)) return e;
  // It was theirs a moment ago (reassigned, moved to another queue): they learn only that it left.
  if (canSee(scope, { inboxId: e.inboxId, ...e.before })) return { type: 'conversation-gone', id: e.id };
  return null;
}

/** What of a bus event this user receives, if anything. */
export function eventFor(scope: Scope, e: BusEvent): WireEvent | null {
  switch (e.type) {
    case 'conversation':
      return conversationFor(scope, e);
    case 'agent':
    case 'resync':
      return e;
    case 'routes':
    case 'queues':
      return can(scope.role, 'queues.view') ? e : null;
    case 'inboxes':
      return can(scope.role, 'inboxes.manage') ? e : null;
    case 'users':
      return can(scope.role, 'users.manage') || e.id === scope.userId ? e : null;
    case 'scope':
      return e.userIds.includes(scope.userId) ? { type: 'scope' } : null;
    case 'viewer':
      // Not to the sender (their other tabs know), and only to those who may see the conversation.
      return e.userId !== scope.userId && canSee(scope, e) ? e : null;
    case 'unread':
    case 'mention':
      return e.userId === scope.userId ? e : null;
  }
}

export type StreamOptions = {
  db: Tx;
  bus: EventBus;
  userId: string;
  signal?: AbortSignal;
  heartbeatMs?: number;
  /** The stream ends after this long; the browser reconnects, which checks the session again. */
  maxAgeMs?: number;
  /** Events queued for a client that does not read them (asleep, half-open) before the stream is dropped. */
  maxQueued?: number;
  /** The session's password generation: a change or reset of the password since ends the stream with `signed-out`. */
  sessionVersion?: number;
};

/**
 * A server-sent event stream for one user: a hello once this instance is listening, then every
 * event they may see, in order, and a ping every `heartbeatMs` so proxies keep the connection and
 * the client can tell a dead one.
 *
 * What the user may see is read from the database after subscribing (so no event slips between
 * the read and the subscription), again whenever a `scope`/`users` event names them or the bus
 * says it may have missed events, and again at every ping, so a lost notification cannot keep a
 * removed member hearing about a queue for long. It fails closed: a scope that cannot be read ends
 * the stream (the client reconnects); a disabled account gets `signed-out`; a session older than the
 * last password change or reset is closed (the reconnect checks the cookie again).
 */
export function openEventStream({ db, bus, userId, signal, heartbeatMs = 15_000, maxAgeMs = 10 * 60_000, maxQueued = 1_000, sessionVersion }: StreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        let open = true;
        const timers: NodeJS.Timeout[] = [];
        let unsubscribe = () => {};
        const write = (text: string) => {
          if (!open) return;
          // A client this far behind is not reading: drop it rather than buffer without end.
          if ((controller.desiredSize ?? 0) <= 0) return stop();
          controller.enqueue(encoder.encode(text));
        };
        const send = (w: WireEvent) => write(`data: ${JSON.stringify(w)}\n\n`);
        stop = () => {
          if (!open) return;
          open = false;
          timers.forEach(clearInterval);
          unsubscribe();
          try {
            controller.close();
          } catch {
            // already closed by the client going away
          }
        };
        // An abort event never fires for a signal that is already aborted (the client left before we began).
        if (signal?.aborted) return stop();
        signal?.addEventListener('abort', () => stop(), { once: true });

        let scope: Scope | null = null;
        const reload = async (): Promise<boolean> => {
          try {
            scope = await loadScope(db, userId);
          } catch (err) {
            console.error('realtime: cannot read what the user may see; closing their stream', err);
            stop();
            return false;
          }
          // A password reset or change ends every earlier session: the stream too, without a word,
          // so that the browser reconnects with the cookie it has now (the tab whose own change
          // re-issued it goes on; any other is refused with 401).
          if (scope && sessionVersion !== undefined && scope.sessionVersion !== sessionVersion) {
            stop();
            return false;
          }
          if (!scope) {
            send({ type: 'signed-out' });
            stop();
            return false;
          }
          return true;
        };
        // One event at a time, so a scope re-read finishes before the next event is judged by it.
        // Events arriving before the first read wait behind it.
        let begin = () => {};
        let chain = new Promise<void>((resolve) => (begin = resolve));
        const handle = async (e: BusEvent) => {
          if (!open) return;
          const mine = (e.type === 'scope' && e.userIds.includes(userId)) || (e.type === 'users' && e.id === userId);
          if ((mine || e.type === 'resync') && !(await reload())) return;
          const out = eventFor(scope!, e);
          if (out) send(out);
        };
        const enqueue = (job: () => Promise<unknown>) => {
          chain = chain.then(job).then(
            () => {},
            (err) => console.error('realtime stream failed to handle an event', err),
          );
        };
        unsubscribe = bus.subscribe((e) => enqueue(() => handle(e)));
        try {
          await bus.ready();
        } catch (err) {
          console.error('realtime: cannot listen for events', err);
          return stop();
        }
        if (!open || !(await reload()) || !open) return;
        begin();
        // Browsers reconnect by themselves after this long; the client adds its own back-off on top.
        write('retry: 2000\n\n');
        send({ type: 'hello', userId, at: new Date().toISOString() });
        timers.push(
          setInterval(() => enqueue(async () => (await reload()) && send({ type: 'ping', at: new Date().toISOString() })), heartbeatMs),
          setTimeout(() => stop(), maxAgeMs),
        );
      },
      cancel() {
        stop();
      },
    },
    new CountQueuingStrategy({ highWaterMark: maxQueued }),
  );
}
