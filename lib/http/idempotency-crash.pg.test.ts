import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseUrl, engines, testDb, type TestDb } from '../test/db';
import { callApi } from '../test/api';
import { createApiKey } from '../auth/api-keys';
import { systemActor } from '../access/actor';

// Issue 10, deliverable 4: a process killed mid-request leaves nothing behind that blocks its key;
// the retry (on another process) runs anew, or returns what committed. PostgreSQL only: the
// embedded database belongs to one process.
const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const C = '/ccaas/1/conversations';

function startWorker(args: string[]) {
  // `node --import tsx`, not the tsx CLI: that runs the script in a child of its own, which a SIGKILL to the CLI would not reach.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'lib/test/idempotent-create-worker.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? null : code)));
  return { child, exited, output: () => out };
}

if (engines.includes('postgres')) {
  describe('Idempotency-Key across a crash [postgres]', () => {
    let db: TestDb;
    let url: string;
    let authorization: string;
    let inboxId: string;

    beforeAll(async () => {
      db = await testDb('postgres');
      state.prisma = db.prisma;
      const p = db.prisma;
      const agent = await p.user.create({ data: { email: 'crash@t.example', name: 'Crash', passwordHash: 'x', availability: 'ONLINE' } });
      inboxId = (await p.inbox.create({ data: { name: 'Crash', collaborators: { create: { userId: agent.id } } } })).id;
      authorization = `App ${(await createApiKey(p, systemActor('test'), { name: 'crash', role: 'ADMIN' })).key}`;
      url = await databaseUrl(p);
    });
    afterAll(async () => db?.close());

    it('a server killed mid-request leaves no claim: the retry, keys reordered, runs anew once', async () => {
      const key = 'crash-mid-request';
      const body = { topic: 'Killed mid-request', inboxId, message: { text: 'hello', from: '+491' } };
      // Hold the inbox lock so the worker's create stops inside its transaction, then kill it there.
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM "Inbox" WHERE id = $1 FOR UPDATE', [inboxId]);
      const worker = startWorker([url, authorization, key, JSON.stringify(body)]);
      // Another connection watches: pg_stat_activity stands still inside a transaction.
      const watcher = new pg.Client({ connectionString: url });
      await watcher.connect();
      try {
        let waiting = false;
        for (let i = 0; i < 600 && !waiting; i++) {
          const rows = await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%"Inbox"%'`);
          waiting = rows.rowCount! > 0;
          if (!waiting) await new Promise((r) => setTimeout(r, 100));
        }
        expect(waiting, `the worker should be waiting for the inbox lock inside its transaction; it said: ${worker.output()}`).toBe(true);
        worker.child.kill('SIGKILL');
        expect(await worker.exited).toBeNull();
      } finally {
        worker.child.kill('SIGKILL');
        await blocker.query('ROLLBACK');
        await Promise.all([blocker.end(), watcher.end()]);
      }
      // The dead client's transaction is rolled back by PostgreSQL: nothing of it remains, not even the claim.
      expect(await db.prisma.idempotencyRecord.count({ where: { key } })).toBe(0);
      expect(await db.prisma.conversation.count({ where: { topic: body.topic } })).toBe(0);

      const reordered = { message: { from: '+491', text: 'hello' }, inboxId, topic: 'Killed mid-request' };
      const retry = await callApi({ method: 'post', template: C, headers: { authorization, 'idempotency-key': key }, body: reordered });
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      const again = await callApi({ method: 'post', template: C, headers: { authorization, 'idempotency-key': key }, body });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.json).toEqual(retry.json);
      expect(await db.prisma.conversation.count({ where: { topic: body.topic } })).toBe(1);
    }, 120_000);

    it('a retry after a commit whose answer was lost returns the committed conversation', async () => {
      const key = 'crash-after-commit';
      const body = { topic: 'Committed, answer lost', inboxId };
      const worker = startWorker([url, authorization, key, JSON.stringify(body)]);
      expect(await worker.exited).toBe(0);
      const first = JSON.parse(worker.output().replace(/^answered 200 /, '')) as { id: string; agentId?: string };
      const retry = await callApi({ method: 'post', template: C, headers: { authorization, 'idempotency-key': key }, body });
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.json).toMatchObject({ id: first.id, agentId: first.agentId });
      expect(await db.prisma.conversation.count({ where: { topic: body.topic } })).toBe(1);
    }, 120_000);
  });
}
