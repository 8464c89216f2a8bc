import pg from 'pg';
import { expect, it } from 'vitest';
import { databaseUrl, describePostgres } from '../../test/db';
import { setAvailability } from '../presence';

// Found by bench:soak: an agent picked by a create that had not committed yet went OFFLINE, and
// the reassignment, which listed their conversations before it held the inbox lock, never saw the
// new one: it stayed OPEN with an OFFLINE agent. Two connections are needed, so PostgreSQL only.
describePostgres('reassignment meets an assignment still in flight', (db) => {
  it('a conversation given to the agent by a transaction that commits meanwhile is moved too', async () => {
    const p = db().prisma;
    const [x, y] = await Promise.all(
      ['x', 'y'].map((n) => p.user.create({ data: { email: `${n}@race.example`, name: n, passwordHash: 'x', availability: 'ONLINE' } })),
    );
    const inbox = await p.inbox.create({ data: { name: 'Race', collaborators: { create: [{ userId: x.id, position: 0 }, { userId: y.id, position: 1 }] } } });
    // An assignment in flight: it holds the inbox lock and has given X a new conversation, uncommitted.
    const other = new pg.Client({ connectionString: await databaseUrl(p) });
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
