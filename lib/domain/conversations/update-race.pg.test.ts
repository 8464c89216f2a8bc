import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testDb, type TestDb } from '../../test/db';
import { updateConversation } from './update';
import { expectDomainError } from '../../test/fixtures';
import type { Actor } from '../../auth/actor';

// An update that waits for the conversation's row lock must judge visibility by what committed
// while it waited, not by the snapshot from before the wait. Two connections: PostgreSQL only.
if (engines.includes('postgres')) {
  describe('an update waiting for the row lock [postgres]', () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await testDb('postgres');
    });
    afterAll(async () => db?.close());

    it('is refused (404) when the lock holder removed the agent from the only queue that let them see it', async () => {
      const p = db.prisma;
      const user = await p.user.create({ data: { email: 'wait@race.example', name: 'Wait', passwordHash: 'x' } });
      const agent: Actor = { kind: 'user', id: user.id, role: 'AGENT', name: user.name, email: user.email };
      const queue = await p.queue.create({ data: { name: 'Seen through', members: { create: { userId: user.id } } } });
      const c = await p.conversation.create({ data: { topic: 'Contended', queueId: queue.id } });
      const name = (await p.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`)[0].db;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const other = new pg.Client({ connectionString: url.toString() });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT id FROM "Conversation" WHERE id = $1 FOR NO KEY UPDATE', [c.id]);
        const update = updateConversation(p, agent, c.id, { topic: 'Changed by someone who lost access' }, 'patch');
        await new Promise((r) => setTimeout(r, 500));
        await other.query('DELETE FROM "QueueMember" WHERE "queueId" = $1 AND "userId" = $2', [queue.id, user.id]);
        await other.query('COMMIT');
        await expectDomainError(update, 'NOT_FOUND');
      } finally {
        await other.end();
      }
      expect((await p.conversation.findUniqueOrThrow({ where: { id: c.id } })).topic).toBe('Contended');
    }, 60_000);
  });
}
