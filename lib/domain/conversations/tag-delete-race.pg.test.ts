import pg from 'pg';
import { expect, it } from 'vitest';
import { databaseUrl, describePostgres } from '../../test/db';
import { addConversationTag } from './tags';
import { createConversationRecord } from './create';
import { systemActor } from '../../access/actor';

// A tag deleted everywhere (DELETE /tags/{tagName}) while someone adds it to a conversation: the
// add's insert waits on the deleter's row lock, then meets a foreign key to a tag that is gone. It
// must not become a 500: the add runs once more and re-creates the tag. Two connections: PostgreSQL only.
describePostgres('adding a tag that is being deleted', (db) => {
  it('re-creates the tag instead of failing on the foreign key', async () => {
    const p = db().prisma;
    const tag = await p.tag.create({ data: { name: 'contested' } });
    const c = await p.conversation.create({ data: { topic: 'Tagged while the tag goes' } });
    const other = new pg.Client({ connectionString: await databaseUrl(p) });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM "Tag" WHERE id = $1 FOR UPDATE', [tag.id]);
      const add = addConversationTag(p, systemActor('test'), { conversationId: c.id, tagName: 'contested' });
      add.catch(() => {});
      // The add reads the tag, then its insert waits for the lock above.
      await new Promise((r) => setTimeout(r, 500));
      await other.query('DELETE FROM "Tag" WHERE id = $1', [tag.id]);
      await other.query('COMMIT');
      await expect(add).resolves.toMatchObject({ added: true, name: 'contested' });
    } finally {
      await other.end();
    }
    const now = await p.conversationTag.findMany({ where: { conversationId: c.id }, include: { tag: true } });
    expect(now.map((t) => t.tag.name)).toEqual(['contested']);
    expect(now[0].tagId).not.toBe(tag.id);
  }, 60_000);

  it('lets a create with that tag go through, the tag re-created', async () => {
    const p = db().prisma;
    const tag = await p.tag.create({ data: { name: 'contested-create' } });
    const other = new pg.Client({ connectionString: await databaseUrl(p) });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM "Tag" WHERE id = $1 FOR UPDATE', [tag.id]);
      const create = createConversationRecord(p, systemActor('test'), { topic: 'New with a doomed tag', tags: ['contested-create'] });
      create.catch(() => {});
      await new Promise((r) => setTimeout(r, 500));
      await other.query('DELETE FROM "Tag" WHERE id = $1', [tag.id]);
      await other.query('COMMIT');
      const result = await create;
      expect(result).toMatchObject({ created: { tags: ['contested-create'] } });
    } finally {
      await other.end();
    }
    const again = await p.tag.findUniqueOrThrow({ where: { name: 'contested-create' } });
    expect(again.id).not.toBe(tag.id);
  }, 60_000);
});
