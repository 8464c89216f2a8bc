import pg from 'pg';
import { expect, it } from 'vitest';
import { databaseUrl, describePostgres } from '../../test/db';
import { updateConversation } from './update';
import { expectDomainError } from '../../test/fixtures';
import type { Actor } from '../../access/actor';

// An update that waits for the conversation's row lock must judge visibility by what committed
// while it waited, not by the snapshot from before the wait. Two connections: PostgreSQL only.
describePostgres('an update waiting for the row lock', (db) => {
  it('is refused (404) when the lock holder removed the agent from the only queue that let them see it', async () => {
    const p = db().prisma;
    const user = await p.user.create({ data: { email: 'wait@race.example', name: 'Wait', passwordHash: 'x' } });
    const agent: Actor = { kind: 'user', id: user.id, role: 'AGENT', name: user.name, email: user.email };
    const queue = await p.queue.create({ data: { name: 'Seen through', members: { create: { userId: user.id } } } });
    const c = await p.conversation.create({ data: { topic: 'Contended', queueId: queue.id } });
    const other = new pg.Client({ connectionString: await databaseUrl(p) });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM "Conversation" WHERE id = $1 FOR NO KEY UPDATE', [c.id]);
      const update = updateConversation(p, agent, { conversationId: c.id, mode: 'patch', changes: { topic: 'Changed by someone who lost access' } });
      // It may be refused the moment COMMIT releases the lock, before the expectation below attaches:
      // handled at once, so that is not an unhandled rejection.
      update.catch(() => {});
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
