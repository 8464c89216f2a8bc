import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testDb, type TestDb } from '../../test/db';
import { churnFindings } from '../../test/capacity-churn';

// Issue 5, test 4: two app processes on one PostgreSQL creating concurrently keep the guarantees
// of the single-process test: an equal split, one assignee each, no skipped or repeated turn.
// Only with TEST_DATABASE_URL (vitest.config.ts leaves *.pg.test.ts out otherwise): the embedded
// database belongs to one process by design.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function run(args: string[], worker = 'create-worker.ts'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'lib/test', worker), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
  });
}

if (engines.includes('postgres')) {
  describe('two app processes on one PostgreSQL [postgres]', () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await testDb('postgres');
    });
    afterAll(async () => db?.close());

    it('400 conversations from 2 processes × 16 workers over 4 ONLINE agents: exactly 100 each', async () => {
      const p = db.prisma;
      const users = [];
      for (const n of ['a', 'b', 'c', 'd']) users.push(await p.user.create({ data: { email: `${n}@multi.example`, name: n, passwordHash: 'x', availability: 'ONLINE' } }));
      const inbox = await p.inbox.create({ data: { name: 'Multi', collaborators: { create: users.map((u, position) => ({ userId: u.id, position })) } } });
      const url = (await p.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`)[0].db;
      const server = new URL(process.env.TEST_DATABASE_URL!);
      server.pathname = `/${url}`;
      await Promise.all([run([server.toString(), inbox.id, '200', '16']), run([server.toString(), inbox.id, '200', '16'])]);

      const rows = await p.conversation.groupBy({ by: ['agentId'], where: { inboxId: inbox.id }, _count: { _all: true } });
      const counts = new Map(rows.map((r) => [r.agentId, r._count._all]));
      expect(users.map((u) => counts.get(u.id))).toEqual([100, 100, 100, 100]);
      expect((await p.inbox.findUniqueOrThrow({ where: { id: inbox.id } })).rrTurn).toBe(400);
      const events = await p.timelineEvent.count({ where: { conversation: { inboxId: inbox.id }, kind: 'ASSIGNEE_CHANGED' } });
      expect(events).toBe(400);
      const writers = await p.conversation.groupBy({ by: ['topic'], where: { inboxId: inbox.id }, _count: { _all: true } });
      expect(writers).toHaveLength(2); // both processes really wrote
    }, 300_000);

    it('capacity across two processes: 2 × 16 workers create in two inboxes sharing capped agents and close as they go; load balancing holds every guarantee', async () => {
      const p = db.prisma;
      const users = [];
      for (const n of ['e', 'f', 'g', 'h']) {
        users.push(await p.user.create({ data: { email: `${n}@multi-cap.example`, name: n, passwordHash: 'x', availability: 'ONLINE', capacity: 3 } }));
      }
      const inboxes = [];
      for (const name of ['Cap X', 'Cap Y']) inboxes.push(await p.inbox.create({ data: { name, collaborators: { create: users.map((u, position) => ({ userId: u.id, position })) } } }));
      const queue = await p.queue.create({ data: { name: 'Cap queue', algorithm: 'LOAD_BALANCING', members: { create: users.map((u) => ({ userId: u.id })) } } });
      const server = new URL(process.env.TEST_DATABASE_URL!);
      server.pathname = `/${(await p.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`)[0].db}`;
      const args = [server.toString(), queue.id, '150', '16', ...inboxes.map((i) => i.id)];
      await Promise.all([run(args, 'churn-worker.ts'), run(args, 'churn-worker.ts')]);

      const f = await churnFindings(p, { queueId: queue.id, capacity: 3, agentIds: users.map((u) => u.id) });
      expect(f).toMatchObject({ overCapacity: 0, assignedTwice: 0, timelineDisagrees: 0, total: 300 });
      expect(f.waiting === 0 || f.withRoom === 0).toBe(true);
    }, 300_000);
  });
}
