import { afterAll, expect, it } from 'vitest';
import { describePostgres, databaseUrl } from '../test/db';
import { makeConversation, makeInbox, makeUser } from '../test/fixtures';
import { invoke } from '../operations/operation';
import { signalViewerOp } from '../operations/viewers';
import { setBus, type EventBus } from '../realtime/bus';
import type { WireEvent } from '../realtime/events';
import { PgBus } from '../realtime/pg-bus';
import { openEventStream } from '../realtime/stream';

// The collision warning between app instances: Ben's signal, sent to instance A, reaches Ana's
// stream on instance B over LISTEN/NOTIFY, and not the stream of someone who may not see it. No
// instance keeps any of it.

async function waitFor(ok: () => boolean, what: string, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

function read(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const done = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
  })();
  return { events: () => [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]) as WireEvent), done };
}

describePostgres('conversation viewers across instances', (db) => {
  const buses: PgBus[] = [];
  let previous: EventBus | undefined;
  afterAll(async () => {
    setBus(previous);
    await Promise.all(buses.map((b) => b.close()));
  });

  it('a signal sent to one instance reaches the viewers streaming from another, and no one else', async () => {
    const p = db().prisma;
    const url = await databaseUrl(p);
    const [a, b] = [new PgBus(url), new PgBus(url)];
    buses.push(a, b);
    previous = setBus(a);
    const [ana, ben, outsider] = [await makeUser(p), await makeUser(p), await makeUser(p)];
    const inbox = await makeInbox(p, { collaborators: [ana.id, ben.id] });
    const c = await makeConversation(p, { inboxId: inbox.id });
    const abort = new AbortController();
    const anaStream = read(openEventStream({ db: p, bus: b, userId: ana.id, signal: abort.signal }));
    const outsiderStream = read(openEventStream({ db: p, bus: b, userId: outsider.id, signal: abort.signal }));
    try {
      await waitFor(() => [anaStream, outsiderStream].every((s) => s.events().some((e) => e.type === 'hello')), 'both streams to listen');
      await a.ready();
      await invoke(signalViewerOp, { db: p, actor: ben }, { conversationId: c.id, state: 'viewing', announce: true });
      await invoke(signalViewerOp, { db: p, actor: ben }, { conversationId: c.id, state: 'left' });
      await waitFor(() => anaStream.events().filter((e) => e.type === 'viewer').length === 2, 'Ana to hear both signals');
      expect(anaStream.events().filter((e) => e.type === 'viewer')).toMatchObject([
        { conversationId: c.id, userId: ben.id, name: ben.name, state: 'viewing', announce: true },
        { conversationId: c.id, userId: ben.id, state: 'left' },
      ]);
      // The outsider's stream judged the same events (same bus, in order) and was told nothing.
      await invoke(signalViewerOp, { db: p, actor: ana }, { conversationId: c.id, state: 'typing' });
      await waitFor(() => anaStream.events().length > 0 && outsiderStream.events().length > 0, 'streams');
      await new Promise((r) => setTimeout(r, 500));
      expect(outsiderStream.events().filter((e) => e.type === 'viewer')).toEqual([]);
      // Nor does Ana hear her own.
      expect(anaStream.events().filter((e) => e.type === 'viewer' && e.userId === ana.id)).toEqual([]);
    } finally {
      abort.abort();
      await Promise.all([anaStream.done, outsiderStream.done]);
    }
  }, 60_000);
});
