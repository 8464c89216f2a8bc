import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BusEvent, ConversationEvent } from './events';
import { chunkPayloads } from './pg-bus';

// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more, and a reassignment can move hundreds of
// conversations in one transaction: the batch must be split without losing or reordering anything.
const NOTIFY_LIMIT = 8000;

function conversation(i: number, topic: string): ConversationEvent {
  return {
    type: 'conversation',
    id: `c${i}`,
    changes: ['assignee'],
    status: 'OPEN',
    inboxId: 'inbox',
    queueId: null,
    agentId: 'agent-b',
    topic,
    before: { queueId: null, agentId: 'agent-a' },
    actor: { kind: 'system', id: null },
  };
}

describe('chunkPayloads', () => {
  afterEach(() => vi.restoreAllMocks());

  it('splits 500 events into payloads under the NOTIFY limit that parse back to the same events in order', () => {
    // Multi-byte topics: the limit is in bytes, not characters.
    const events: BusEvent[] = Array.from({ length: 500 }, (_, i) => conversation(i, `Ärger mit der Rechnung 💸 #${i} `.repeat(4)));
    const payloads = chunkPayloads(events);
    expect(payloads.length).toBeGreaterThan(10);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(NOTIFY_LIMIT);
    expect(payloads.flatMap((p) => JSON.parse(p) as BusEvent[])).toEqual(events);
  });

  it('keeps each payload within a smaller limit, counted in bytes, and a small batch in one payload', () => {
    const events: BusEvent[] = Array.from({ length: 40 }, (_, i) => conversation(i, (i % 2 ? 'x' : '💸ü').repeat(i)));
    for (const max of [600, 1000, 2500]) {
      const payloads = chunkPayloads(events, max);
      for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(max);
      expect(payloads.flatMap((p) => JSON.parse(p) as BusEvent[])).toEqual(events);
    }
    expect(chunkPayloads([{ type: 'queues' }, { type: 'scope', userIds: ['u'] }])).toEqual(['[{"type":"queues"},{"type":"scope","userIds":["u"]}]']);
    expect(chunkPayloads([])).toEqual([]);
  });

  it('drops (and logs) an event too large for any payload rather than failing the batch', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const huge = conversation(1, 'y'.repeat(9000));
    const payloads = chunkPayloads([{ type: 'queues' }, huge, { type: 'inboxes' }]);
    expect(payloads.flatMap((p) => JSON.parse(p) as BusEvent[])).toEqual([{ type: 'queues' }, { type: 'inboxes' }]);
    expect(error).toHaveBeenCalledOnce();
  });
});
