import { EventEmitter } from 'node:events';
import { dbTarget } from '../db/config';
import type { BusEvent } from './events';
import { PgBus } from './pg-bus';

/**
 * One interface, two engines (ARCHITECTURE: lib/realtime). With the embedded database there is one
 * process, so an in-process emitter is the whole story. On PostgreSQL several app instances may
 * share the database: events go through LISTEN/NOTIFY so a change made on one instance reaches
 * browsers connected to another.
 */
export interface EventBus {
  readonly engine: 'memory' | 'postgres';
  /** Delivers to every subscriber of every instance (this one included). Call after commit only. */
  publish(events: BusEvent[]): Promise<void>;
  /** Listens on this instance; returns the unsubscribe function. */
  subscribe(listener: (event: BusEvent) => void): () => void;
  /** Resolves once events published anywhere reach this instance's subscribers. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export class MemoryBus implements EventBus {
  readonly engine = 'memory' as const;
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(events: BusEvent[]): Promise<void> {
    for (const e of events) this.emitter.emit('event', e);
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    // A throwing listener must not stop the others from hearing the event.
    const safe = (e: BusEvent) => {
      try {
        listener(e);
      } catch (err) {
        console.error('realtime listener failed', err);
      }
    };
    this.emitter.on('event', safe);
    return () => void this.emitter.off('event', safe);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

// Kept on globalThis: route handlers, server actions and instrumentation may be bundled apart,
// and each copy of this module must still find the one bus of the process.
const g = globalThis as unknown as { __switchboardBus?: EventBus };

export function bus(): EventBus {
  if (!g.__switchboardBus) {
    const target = dbTarget();
    g.__switchboardBus = target.engine === 'postgres' ? new PgBus(target.url) : new MemoryBus();
  }
  return g.__switchboardBus;
}

/** Replaces the process's bus (tests). Returns the one it replaced. */
export function setBus(next: EventBus | undefined): EventBus | undefined {
  const prev = g.__switchboardBus;
  g.__switchboardBus = next;
  return prev;
}
