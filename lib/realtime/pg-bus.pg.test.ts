import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testDb, type TestDb } from '../test/db';
import { makeInbox, makeUser, uid } from '../test/fixtures';
import type { BusEvent, WireEvent } from './events';
import { PgBus } from './pg-bus';
import { openEventStream } from './stream';

// The PostgreSQL engine between app instances: events published on one reach the subscribers of
// every other, and a listener that loses its connection comes back and says it may have missed some.
// Only with TEST_DATABASE_URL (vitest.config.ts leaves *.pg.test.ts out otherwise).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs lib/test/realtime-worker.ts as another app process on `url`; resolves with the ids it created. */
function worker(url: string, args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'lib/test/realtime-worker.ts'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve((JSON.parse(out) as { ids: string[] }).ids) : reject(new Error(`worker exited with ${code}`))));
  });
}

/** Collects what a subscriber hears. */
function collect(bus: PgBus) {
  const got: BusEvent[] = [];
  bus.subscribe((e) => got.push(e));
  return got;
}

async function waitFor(ok: () => boolean, what: string, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

if (engines.includes('postgres')) {
  describe('PgBus between app instances [postgres]', () => {
    let db: TestDb;
    let url: string;
    const buses: PgBus[] = [];
    const newBus = (appName?: string) => {
      const u = new URL(url);
      if (appName) u.searchParams.set('application_name', appName);
      const b = new PgBus(u.toString());
      buses.push(b);
      return b;
    };

    beforeAll(async () => {
      db = await testDb('postgres');
      const name = (await db.prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`)[0].db;
      const server = new URL(process.env.TEST_DATABASE_URL!);
      server.pathname = `/${name}`;
      url = server.toString();
    });
    afterAll(async () => {
      await Promise.all(buses.map((b) => b.close()));
      await db?.close();
    });

    it('a batch published on instance A reaches the subscribers of A and B, in order', async () => {
      const [a, b] = [newBus(), newBus()];
      const [onA, onB] = [collect(a), collect(b)];
      await Promise.all([a.ready(), b.ready()]);
      // Enough to need several NOTIFY payloads.
      const batch: BusEvent[] = Array.from({ length: 300 }, (_, i) => ({ type: 'users', id: `user-${i}-${'x'.repeat(40)}` }));
      await a.publish(batch);
      await a.publish([{ type: 'queues' }]);
      await waitFor(() => onA.length === 301 && onB.length === 301, 'both instances to hear 301 events');
      expect(onB).toEqual([...batch, { type: 'queues' }]);
      expect(onA).toEqual(onB);
    });

    it("another process's conversations reach this one's stream, filtered for the agent", async () => {
      const p = db.prisma;
      const [agent, other] = [await makeUser(p, 'AGENT'), await makeUser(p, 'AGENT')];
      const mine = await makeInbox(p, { collaborators: [agent.id] });
      const theirs = await makeInbox(p, { collaborators: [other.id] });
      const local = newBus();
      const abort = new AbortController();
      const reader = openEventStream({ db: p, bus: local, userId: agent.id, signal: abort.signal }).getReader();
      let text = '';
      const decoder = new TextDecoder();
      const events = () => [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]) as WireEvent);
      const reading = (async () => {
        for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
      })();
      try {
        // hello is sent once this instance is listening, so nothing the worker publishes can slip past.
        await waitFor(() => events().some((e) => e.type === 'hello'), 'hello');
        const [hiddenTopic, seenTopic] = [uid('secret'), uid('seen')];
        // The hidden one first: when the visible one arrives, the hidden one was already judged.
        const [hidden, seen] = await worker(url, [`${theirs.id}:${hiddenTopic}`, `${mine.id}:${seenTopic}`]);
        await waitFor(() => events().some((e) => e.type === 'conversation' && e.id === seen), 'the visible conversation');
        expect(events().find((e) => e.type === 'conversation')).toMatchObject({ id: seen, inboxId: mine.id, topic: seenTopic, changes: expect.arrayContaining(['created']) });
        for (const secret of [hidden, hiddenTopic, theirs.id]) expect(text).not.toContain(secret);
      } finally {
        abort.abort();
        await reading;
      }
    }, 120_000);

    it('a listener whose connection is killed reconnects, announces resync, and hears later events', async () => {
      const appName = uid('sb-listener');
      const [victim, publisher] = [newBus(appName), newBus()];
      const heard = collect(victim);
      await victim.ready();
      const p = db.prisma;
      const listeners = () =>
        p.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = ${appName} AND query ILIKE 'LISTEN%'`;
      const [before] = await listeners();
      expect(before).toBeDefined();

      await p.$queryRaw`SELECT pg_terminate_backend(${before.pid}::int)`;
      await waitFor(() => heard.some((e) => e.type === 'resync'), 'resync after reconnecting');
      const now = await listeners();
      expect(now).toHaveLength(1); // one listener again, on a new connection
      expect(now[0].pid).not.toBe(before.pid);

      await publisher.publish([{ type: 'inboxes' }]);
      await waitFor(() => heard.some((e) => e.type === 'inboxes'), 'an event published after the reconnect');
      expect(heard).toEqual([{ type: 'resync' }, { type: 'inboxes' }]);
    }, 60_000);

    it('a publishing connection that dies while idle does not take the process down; the next publish goes out', async () => {
      const appName = uid('sb-publisher');
      const [publisher, receiver] = [newBus(appName), newBus()];
      const heard = collect(receiver);
      await receiver.ready();
      await publisher.publish([{ type: 'queues' }]);
      // An unhandled 'error' from the pool's idle client would be an uncaught exception here.
      const idle = await db.prisma.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = ${appName}`;
      expect(idle.length).toBeGreaterThan(0);
      for (const { pid } of idle) await db.prisma.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
      await new Promise((r) => setTimeout(r, 300));
      await publisher.publish([{ type: 'inboxes' }]);
      await waitFor(() => heard.length === 2, 'both events');
      expect(heard).toEqual([{ type: 'queues' }, { type: 'inboxes' }]);
    }, 60_000);
  });
}
