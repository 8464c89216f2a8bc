import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { makeConversation, makeInbox, makeUser, uid, type UserActor } from '../../test/fixtures';
import { invoke } from '../../operations/operation';
import { createConversationOp, patchConversationOp } from '../../operations/conversations';
import { addMessageOp } from '../../operations/tags-messages';
import { patchCustomerOp } from '../../operations/inboxes-customers';
import { listConversations } from './list';
import { conversationListQuerySchema } from '../../validation/conversations';

// The search document (migration 20261204182627_search_document): every way a conversation's words
// change keeps its "searchDoc", whoever writes (the domain, Prisma, plain SQL); the create path
// writes the new row once; a document has limits that never make a write fail.

const WORDS_CAP = 16000;

describeEachEngine('the search document', (ctx) => {
  let sup: UserActor;
  let inboxId: string;
  const find = async (text: string) =>
    (await listConversations(ctx.prisma, sup, conversationListQuerySchema.parse({ inboxId, text, limit: 999, orderBy: 'createdAt:asc' }))).items.map((c) => c.id);
  const create = async (input: Record<string, unknown>) => {
    const r = await invoke(createConversationOp, { db: ctx.prisma, actor: sup }, { inboxId, ...input });
    return 'created' in r ? r.created.id : (r as unknown as { id: string }).id;
  };
  const message = (conversationId: string, text: string, direction: 'INBOUND' | 'OUTBOUND' = 'INBOUND') =>
    invoke(addMessageOp, { db: ctx.prisma, actor: sup }, { conversationId, direction, content: { text } });
  /** Conversations whose document is not what it would be made from scratch: always none. */
  const stale = () =>
    ctx.sql.query<{ id: string }>(
      `SELECT id FROM "Conversation" c WHERE c."searchDoc" <> switchboard_search_doc_manual(c.id, c.topic, c.summary, c."customerId")`,
    );
  const words = async (id: string) =>
    (await ctx.sql.query<{ w: string[] }>(`SELECT tsvector_to_array("searchDoc") AS w FROM "Conversation" WHERE id = $1`, [id]))[0].w;

  beforeAll(async () => {
    sup = await makeUser(ctx.prisma, 'SUPERVISOR');
    inboxId = (await makeInbox(ctx.prisma)).id;
  });

  it('follows every change: create, a message, a new topic, the customer’s new name, a removed message', async () => {
    const email = `${uid('zq')}@t.example`;
    const id = await create({ topic: 'Alpha delivery', customer: { email, name: 'Zelda Quist' }, message: { text: 'The parcel arrived wrecked' } });
    expect(await find('quist')).toEqual([id]);
    expect(await find('wrecked')).toEqual([id]);
    expect(await find('alpha')).toEqual([id]);

    await message(id, 'Could I get a refund please?');
    expect(await find('refund')).toEqual([id]);
    // The words may be in different places: the customer's name and a message.
    expect(await find('zelda refund')).toEqual([id]);

    await invoke(patchConversationOp, { db: ctx.prisma, actor: sup }, { conversationId: id, topic: 'Beta delivery' });
    expect(await find('alpha')).toEqual([]);
    expect(await find('beta')).toEqual([id]);
    expect(await find('wrecked refund')).toEqual([id]);

    const customerId = (await ctx.prisma.conversation.findUniqueOrThrow({ where: { id } })).customerId!;
    await invoke(patchCustomerOp, { db: ctx.prisma, actor: sup }, { customerId, name: 'Zelda Rhodes' });
    expect(await find('quist')).toEqual([]);
    expect(await find('rhodes')).toEqual([id]);

    // Nothing in the app removes a message; a hand-made fix takes its words with it.
    await ctx.sql.query(`DELETE FROM "Message" WHERE "conversationId" = $1 AND text LIKE 'Could I get%'`, [id]);
    expect(await find('refund')).toEqual([]);
    expect(await find('wrecked')).toEqual([id]);
    expect(await stale()).toEqual([]);
  });

  it('rows written without the domain (Prisma, plain SQL) are searchable too', async () => {
    const made = await makeConversation(ctx.prisma, { topic: 'Written by Prisma', inboxId });
    await ctx.prisma.message.create({ data: { conversationId: made.id, direction: 'INBOUND', text: 'quokka sighting', authorType: 'CUSTOMER' } });
    expect(await find('quokka')).toEqual([made.id]);
    expect(await find('prisma')).toEqual([made.id]);
    await ctx.sql.query(`UPDATE "Conversation" SET summary = 'Platypus summary' WHERE id = $1`, [made.id]);
    expect(await find('platypus quokka')).toEqual([made.id]);
    // A customer removed: the conversation keeps its other words and loses theirs.
    const customer = await ctx.prisma.customer.create({ data: { name: 'Wombat Jones', email: `${uid('wj')}@t.example` } });
    await ctx.prisma.conversation.update({ where: { id: made.id }, data: { customerId: customer.id } });
    expect(await find('wombat')).toEqual([made.id]);
    await ctx.prisma.customer.delete({ where: { id: customer.id } });
    expect(await find('wombat')).toEqual([]);
    expect(await find('quokka')).toEqual([made.id]);
    expect(await stale()).toEqual([]);
  });

  it('a create with its first message writes the new row once, a message once more; the trigger writes only for a new word', async () => {
    // Counts the conversation row's updates (a trigger of the test's own, on its own topics only).
    await ctx.sql.exec(`
      CREATE TABLE IF NOT EXISTS test_doc_writes (id text NOT NULL);
      CREATE OR REPLACE FUNCTION test_doc_writes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO test_doc_writes VALUES (NEW.id); RETURN NULL; END $$;
      CREATE TRIGGER test_doc_writes AFTER UPDATE ON "Conversation" FOR EACH ROW WHEN (NEW.topic LIKE 'write-once%') EXECUTE FUNCTION test_doc_writes();`);
    try {
      const writes = async (id: string) => (await ctx.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM test_doc_writes WHERE id = $1`, [id]))[0].n;
      const id = await create({ topic: 'write-once check', customer: { email: `${uid('w')}@t.example` }, message: { text: 'Where is my parcel' } });
      expect(await writes(id)).toBe(0);
      expect(await find('parcel write')).toEqual([id]);
      // A message: its update of the conversation (updatedAt, the waiting clock) carries its words.
      await message(id, 'where is MY parcel?');
      expect(await writes(id)).toBe(1);
      await message(id, 'tracking says delivered', 'OUTBOUND');
      expect(await writes(id)).toBe(2);
      expect(await find('tracking')).toEqual([id]);
      // Plain SQL: the trigger adds a new word (a write), and nothing when all are known.
      const insert = (text: string) =>
        ctx.sql.query(
          `INSERT INTO "Message" (id, "conversationId", direction, channel, text, "authorType", "createdAt", "updatedAt")
           VALUES (gen_random_uuid()::text, $1, 'INBOUND', 'NO_CHANNEL', $2, 'CUSTOMER', now(), now())`,
          [id, text],
        );
      await insert('parcel tracking');
      expect(await writes(id)).toBe(2);
      await insert('a wombat');
      expect(await writes(id)).toBe(3);
      expect(await find('wombat parcel')).toEqual([id]);
    } finally {
      await ctx.sql.exec(`DROP TRIGGER test_doc_writes ON "Conversation"; DROP FUNCTION test_doc_writes(); DROP TABLE test_doc_writes;`);
    }
  });

  describe('limits', () => {
    it('words over 50 bytes are not kept; 50 are', async () => {
      const long = 'x'.repeat(51);
      const fifty = 'y'.repeat(50);
      const id = await create({ topic: 'long words', message: { text: `${long} ${fifty} short` } });
      expect(await words(id)).toEqual(expect.arrayContaining([fifty, 'short']));
      expect(await words(id)).not.toContain(long);
      expect(await find('xxxx')).toEqual([]);
      expect(await find('yyyy short')).toEqual([id]);
    });

    it('an email or address over 50 bytes is found by pasting it whole, or by its parts', async () => {
      const email = `maximilian.mustermann-schmidt.${uid('m')}@customer-service.example.com`;
      const id = await create({ topic: 'long email', customer: { email }, message: { text: 'See https://tracking.example.com/parcels/0123456789abcdef0123456789abcdef0123456789' } });
      expect(await find(email)).toEqual([id]);
      expect(await find('mustermann customer-service')).toEqual([id]);
      expect(await find('tracking.example.com/parcels/0123456789abcdef0123456789abcdef0123456789')).toContain(id);
    });

    it('more than 1 MB of text, in one statement or across many, never makes a write fail', async () => {
      const id = await create({ topic: 'a megabyte' });
      // 300 messages of 510 different words each (1.2 MB), in one INSERT.
      await ctx.sql.query(
        `INSERT INTO "Message" (id, "conversationId", direction, channel, text, "authorType", "createdAt", "updatedAt")
         SELECT gen_random_uuid()::text, $1, 'INBOUND', 'NO_CHANNEL',
                (SELECT string_agg('m' || lpad(((k * 510) + g)::text, 6, '0'), ' ') FROM generate_series(0, 509) g), 'CUSTOMER', now(), now()
         FROM generate_series(0, 299) k`,
        [id],
      );
      expect((await words(id)).length).toBe(WORDS_CAP);
      // Made again from scratch (a new topic): message by message, past the cap.
      await invoke(patchConversationOp, { db: ctx.prisma, actor: sup }, { conversationId: id, topic: 'still a megabyte' });
      expect((await words(id)).length).toBe(WORDS_CAP);
      expect(await find('still megabyte')).toEqual([id]);
    });

    it(`past ${WORDS_CAP} different words a conversation keeps its first ones, and messages are still stored`, async () => {
      const id = await create({ topic: 'many words' });
      // 29 messages of 580 different words each (16,820 in all), one statement each, in order.
      for (let k = 0; k < 29; k++) {
        await ctx.sql.query(
          `INSERT INTO "Message" (id, "conversationId", direction, channel, text, "authorType", "createdAt", "updatedAt")
           SELECT gen_random_uuid()::text, $1, 'INBOUND', 'NO_CHANNEL', string_agg('w' || lpad((($2::int * 580) + g)::text, 5, '0'), ' '), 'CUSTOMER',
                  now() - (30 - $2::int) * interval '1 second', now()
           FROM generate_series(0, 579) g`,
          [id, k],
        );
      }
      const kept = await words(id);
      expect(kept.length).toBe(WORDS_CAP);
      // Its own words (the topic's) and those of the earliest messages.
      expect(kept).toEqual(expect.arrayContaining(['many', 'words', 'w00000', 'w15000']));
      expect(kept).not.toContain('w16819');
      await message(id, 'one more message with zzzfresh words');
      expect(await ctx.prisma.message.count({ where: { conversationId: id } })).toBe(30);
      expect(await find('w00000')).toEqual([id]);
      expect(await find('zzzfresh')).toEqual([]);
      // Made from scratch, the document is the same (the earliest messages' words are kept).
      expect(await stale()).toEqual([]);
    });
  });
});
