import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectLive, type LiveStatus } from './live-client';
import type { WireEvent } from '@/lib/realtime/events';

// A stand-in EventSource the test drives by hand: it records every connection made.
class FakeSource {
  static all: FakeSource[] = [];
  onmessage: ((m: MessageEvent<string>) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  close() {
    this.closed = true;
  }
  send(e: WireEvent) {
    this.onmessage?.({ data: JSON.stringify(e) } as MessageEvent<string>);
  }
  fail() {
    this.onerror?.();
  }
}

const hello: WireEvent = { type: 'hello', userId: 'u1', at: '2026-01-01T00:00:00Z' };

describe('live client: reconnects with back-off and resyncs', () => {
  let events: WireEvent[];
  let statuses: LiveStatus[];
  let resyncs: number;
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter: waits are exactly the back-off
    FakeSource.all = [];
    events = [];
    statuses = [];
    resyncs = 0;
    stop = connectLive({
      url: '/api/events',
      onEvent: (e) => events.push(e),
      onResync: () => resyncs++,
      onStatus: (s) => statuses.push(s),
      minRetryMs: 1_000,
      maxRetryMs: 8_000,
      silenceMs: 45_000,
      EventSourceImpl: FakeSource as unknown as typeof EventSource,
    });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const current = () => FakeSource.all[FakeSource.all.length - 1];

  it('goes live on hello, passes events on, swallows pings', () => {
    current().send(hello);
    current().send({ type: 'ping', at: 'x' });
    current().send({ type: 'queues' });
    expect(statuses).toEqual(['live']);
    expect(events).toEqual([{ type: 'queues' }]);
    expect(resyncs).toBe(0); // the first connection has nothing to catch up on
  });

  it('waits 1, 2, 4, 8, 8 s between failed attempts, and resets after a success', () => {
    current().send(hello);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = FakeSource.all.length;
      current().fail();
      expect(current().closed).toBe(true);
      let waited = 0;
      while (FakeSource.all.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(statuses.filter((s) => s === 'reconnecting')).toHaveLength(5);

    current().send(hello);
    expect(resyncs).toBe(1); // reconnected: whatever happened meanwhile must be refetched
    current().fail();
    vi.advanceTimersByTime(999);
    const count = FakeSource.all.length;
    vi.advanceTimersByTime(1);
    expect(FakeSource.all.length).toBe(count + 1); // back to the shortest wait
  });

  it('treats a silent connection as dead', () => {
    current().send(hello);
    vi.advanceTimersByTime(44_000);
    current().send({ type: 'ping', at: 'x' }); // any message restarts the watchdog
    vi.advanceTimersByTime(44_000);
    expect(FakeSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(FakeSource.all[0].closed).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(FakeSource.all).toHaveLength(2);
  });

  it('ignores a closed source and stops for good when disposed', () => {
    const first = current();
    first.send(hello);
    first.fail();
    first.send({ type: 'queues' }); // late message from the dropped connection
    expect(events).toEqual([]);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(FakeSource.all).toHaveLength(1);
  });
});
