import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { EventBus } from './bus';
import type { BusEvent } from './events';

export const CHANNEL = 'switchboard_events';
// NOTIFY payloads must stay under 8000 bytes; batches (a reassignment moves hundreds) are split.
const MAX_PAYLOAD = 7_000;
const HEALTH_EVERY_MS = Number(process.env.REALTIME_HEALTH_SECONDS || 30) * 1000;
const HEALTH_TIMEOUT_MS = 10_000;

/** Splits events into JSON arrays that each fit one NOTIFY payload. */
export function chunkPayloads(events: BusEvent[], max = MAX_PAYLOAD): string[] {
  const out: string[] = [];
  let batch: string[] = [];
  let size = 2;
  for (const e of events) {
    const json = JSON.stringify(e);
    if (Buffer.byteLength(json) + 2 > max) {
      console.error(`realtime event too large to send (${e.type})`);
      continue;
    }
    const bytes = Buffer.byteLength(json) + 1;
    if (batch.length && size + bytes > max) {
      out.push(`[${batch.join(',')}]`);
      batch = [];
      size = 2;
    }
    batch.push(json);
    size += bytes;
  }
  if (batch.length) out.push(`[${batch.join(',')}]`);
  return out;
}

/**
 * PostgreSQL engine: publishing is `pg_notify` on a small pool; one dedicated connection per
 * instance LISTENs and hands what arrives to this instance's subscribers (its own events come
 * back the same way, so there is one delivery path). When that connection drops it reconnects
 * with back-off and tells subscribers to resync, because NOTIFY keeps nothing for absent listeners.
 */
export class PgBus implements EventBus {
  readonly engine = 'postgres' as const;
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private pool: pg.Pool | undefined;
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private retryMs = 500;
  private closed = false;

  constructor(private readonly url: string) {}

  async publish(events: BusEvent[]): Promise<void> {
    if (!events.length || this.closed) return;
    if (!this.pool) {
      this.pool = new pg.Pool({ connectionString: this.url, max: 2 });
      // An idle connection that dies (server restart, terminated backend) is an 'error' event on the
      // pool; unhandled, it would crash the process. The pool opens a new one for the next publish.
      this.pool.on('error', (err) => console.error('realtime: PostgreSQL publish connection lost:', err.message));
    }
    for (const payload of chunkPayloads(events)) {
      await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
    }
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    const safe = (e: BusEvent) => {
      try {
        listener(e);
      } catch (err) {
        console.error('realtime listener failed', err);
      }
    };
    this.emitter.on('event', safe);
    void this.ready().catch(() => {});
    return () => void this.emitter.off('event', safe);
  }

  /** Resolves once this instance is listening (the first subscriber starts it). */
  ready(): Promise<void> {
    this.listening ??= this.listen().catch((err) => {
      this.listening = undefined;
      throw err;
    });
    return this.listening;
  }

  private async listen(): Promise<void> {
    // keepAlive: an idle LISTEN connection dropped by a NAT or proxy would otherwise go deaf silently.
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      let events: BusEvent[];
      try {
        events = JSON.parse(msg.payload) as BusEvent[];
      } catch {
        return console.error('realtime: unreadable notification ignored');
      }
      for (const e of events) this.emitter.emit('event', e);
    });
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listening = undefined;
      client.removeAllListeners();
      client.on('error', () => {}); // ending a broken connection may still report errors
      void client.end().catch(() => {});
      if (this.closed) return;
      if (err) console.error('realtime: PostgreSQL listener lost:', err.message);
      this.reconnectLater();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      lost(err as Error);
      throw err;
    }
    this.retryMs = 500;
    this.watch(client, lost);
  }

  /** Asks the listening connection a question now and then; no answer in time counts as a lost connection. */
  private watch(client: pg.Client, lost: (err?: Error) => void): void {
    const timer = setInterval(() => {
      if (this.listener !== client) return clearInterval(timer);
      const late = setTimeout(() => lost(new Error('no answer from the listening connection')), HEALTH_TIMEOUT_MS);
      client.query('SELECT 1').then(
        () => clearTimeout(late),
        (err: Error) => {
          clearTimeout(late);
          lost(err);
        },
      );
    }, HEALTH_EVERY_MS);
    timer.unref();
  }

  private reconnectLater(): void {
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    setTimeout(() => {
      if (this.closed || this.emitter.listenerCount('event') === 0) return;
      this.ready().then(
        () => this.emitter.emit('event', { type: 'resync' } satisfies BusEvent),
        () => {},
      );
    }, wait).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.emitter.removeAllListeners();
    const client = this.listener;
    this.listener = undefined;
    await Promise.all([client?.end().catch(() => {}), this.pool?.end().catch(() => {})]);
  }
}
