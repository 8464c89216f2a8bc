import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testDb, type TestDb } from '../../test/db';
import { setAvailability } from '../presence';

// Found by bench:soak: an agent picked by a create that had not committed yet went OFFLINE, and
// the reassignment, which listed their conversations before it held the inbox lock, never saw the
// new one: it stayed OPEN with an OFFLINE agent. Two connections are needed, so PostgreSQL only.
if (engines.includes('postgres')) {
  describe('reassignment meets an assignment still in flight [postgres]', () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await testDb('postgres');
    });
    afterAll(async () => db?.close());

    it('a conversation given to the agent by a transaction that commits meanwhile is moved too', async () => {
      const p = db.prisma;
      const [x, y] = await Promise.all(
        ['x', 'y'].map((n) => p.user.create({ data: { email: `${n}@race.example`, name: n, passwordHash: 'x', availability: 'ONLINE' } })),
      );
      const inbox = await p.inbox.create({ data: { name: 'Race', collaborators: { create: [{ userId: x.id, position: 0 }, { userId: y.id, position: 1 }] } } });
      const name = (await p.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`)[0].db;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      // An assignment in flight: it holds the inbox lock and has given X a new conversation, uncommitted.
      const other = new pg.Client({ connectionString: url.toString() });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT id FROM "Inbox" WHERE id = $1 FOR NO KEY UPDATE', [inbox.id]);
        await other.query(`INSERT INTO "Conversation" (id, topic, "inboxId", "agentId", "updatedAt") VALUES ('in-flight', 'in flight', $1, $2, now())`, [inbox.id, x.id]);
        const offline = setAvailability(p, x.id, 'OFFLINE', 'went offline');
        await new Promise((r) => setTimeout(r, 500));
        await other.query('COMMIT');
        expect(await offline).toEqual({ moved: 1, unassigned: 0 });
      } finally {
        await other.end();
      }
      expect((await p.conversation.findUniqueOrThrow({ where: { id: 'in-flight' } })).agentId).toBe(y.id);
    }, 60_000);
  });
}
