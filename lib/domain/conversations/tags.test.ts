import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { RACERS, counts, patient, expectDomainError, makeConversation, makeUser, uid, type UserActor } from '../../test/fixtures';
import { invoke } from '../../operations/operation';
import { addConversationTagOp, createTagOp, listTagsOp, removeConversationTagOp } from '../../operations/tags-messages';
import { addConversationTag, listTags, removeConversationTag } from './tags';

describeEachEngine('conversation tags', (ctx) => {
  let sup: UserActor;
  let agent: UserActor;

  beforeAll(async () => {
    [sup, agent] = await Promise.all([makeUser(ctx.prisma, 'SUPERVISOR'), makeUser(ctx.prisma, 'AGENT')]);
  });

  const past = new Date('2025-01-01T00:00:00Z');
  const conv = (data: Parameters<typeof makeConversation>[1] = {}) => makeConversation(ctx.prisma, { updatedAt: past, ...data });
  const add = (id: string, tagName: string) => addConversationTag(ctx.prisma, sup, { conversationId: id, tagName });
  const race = (id: string, tagName: string) => addConversationTag(patient(ctx.prisma), sup, { conversationId: id, tagName });
  const remove = (id: string, tagName: string) => removeConversationTag(ctx.prisma, sup, { conversationId: id, tagName });
  // Raw input goes through the operations: tag names are checked when they are parsed, at the door.
  const asSup = () => ({ db: ctx.prisma, actor: sup });
  const addRaw = (input: Record<string, unknown>) => invoke(addConversationTagOp, asSup(), input);
  const links = (conversationId: string) => ctx.prisma.conversationTag.findMany({ where: { conversationId }, include: { tag: true } });
  const events = (conversationId: string) => ctx.prisma.timelineEvent.findMany({ where: { conversationId } });

  it('add creates the tag when new, links it, records TAG_ADDED and bumps updatedAt', async () => {
    const c = await conv();
    const name = uid('new');
    const before = await ctx.prisma.tag.count();
    expect(await add(c.id, name)).toEqual({ added: true, name });
    expect(await ctx.prisma.tag.count()).toBe(before + 1);
    expect((await links(c.id)).map((l) => l.tag.name)).toEqual([name]);
    const ev = await events(c.id);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ kind: 'TAG_ADDED', after: { tag: name }, actorKind: 'USER', actorUserId: sup.id });
    const after = await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.updatedAt.getTime()).toBeGreaterThan(past.getTime());
  });

  it('add reuses an existing tag', async () => {
    const tag = await ctx.prisma.tag.create({ data: { name: uid('old') } });
    const c = await conv();
    const before = await ctx.prisma.tag.count();
    await add(c.id, tag.name);
    expect(await ctx.prisma.tag.count()).toBe(before);
    expect((await links(c.id)).map((l) => l.tagId)).toEqual([tag.id]);
  });

  it('adding a tag twice is idempotent: one link, one TAG_ADDED, no second bump', async () => {
    const c = await conv();
    const name = uid('twice');
    await add(c.id, name);
    const bumped = (await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).updatedAt;
    const before = await counts(ctx.prisma);
    expect(await add(c.id, name)).toEqual({ added: false, name });
    expect(await counts(ctx.prisma)).toEqual(before);
    expect(await links(c.id)).toHaveLength(1);
    expect((await events(c.id)).filter((e) => e.kind === 'TAG_ADDED')).toHaveLength(1);
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).updatedAt).toEqual(bumped);
  });

  it('concurrent adds of one tag to one conversation link it once', async () => {
    const c = await conv();
    const name = uid('same');
    const results = await Promise.all(Array.from({ length: RACERS }, () => race(c.id, name)));
    expect(results.filter((r) => r.added)).toHaveLength(1);
    expect(await links(c.id)).toHaveLength(1);
    expect((await events(c.id)).filter((e) => e.kind === 'TAG_ADDED')).toHaveLength(1);
  });

  it('remove unlinks, keeps the Tag row and the conversation, records TAG_REMOVED', async () => {
    const c = await conv();
    const name = uid('rm');
    await add(c.id, name);
    const keep = uid('keep');
    await add(c.id, keep);
    await ctx.prisma.conversation.update({ where: { id: c.id }, data: { updatedAt: past } });
    await remove(c.id, name);
    expect(await ctx.prisma.tag.findUnique({ where: { name } })).not.toBeNull();
    const after = await ctx.prisma.conversation.findUnique({ where: { id: c.id } });
    expect(after).not.toBeNull();
    expect(after!.updatedAt.getTime()).toBeGreaterThan(past.getTime());
    expect((await links(c.id)).map((l) => l.tag.name)).toEqual([keep]);
    const removed = (await events(c.id)).filter((e) => e.kind === 'TAG_REMOVED');
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ before: { tag: name }, actorKind: 'USER', actorUserId: sup.id });
  });

  it('removing a tag the conversation does not have is NOT_FOUND and writes nothing', async () => {
    const c = await conv();
    const other = await conv();
    const name = uid('elsewhere');
    await add(other.id, name);
    const before = await counts(ctx.prisma);
    await expectDomainError(remove(c.id, name), 'NOT_FOUND');
    await expectDomainError(remove(c.id, uid('nonexistent')), 'NOT_FOUND');
    expect(await counts(ctx.prisma)).toEqual(before);
    expect(await links(other.id)).toHaveLength(1);
  });

  describe('bad tag names are BAD_REQUEST and write nothing', () => {
    const bad: [string, unknown][] = [
      ['a space', 'has space'],
      ['101 characters', 'a'.repeat(101)],
      ['empty', ''],
      ['unicode', 'café'],
      ['a slash', 'a/b'],
      ['not a string', 42],
    ];
    for (const [what, name] of bad) {
      it(what, async () => {
        const c = await conv();
        const before = await counts(ctx.prisma);
        await expectDomainError(addRaw({ conversationId: c.id, tagName: name }), 'BAD_REQUEST', ['tagName']);
        if (typeof name === 'string') await expectDomainError(invoke(removeConversationTagOp, asSup(), { conversationId: c.id, tagName: name }), 'BAD_REQUEST');
        await expectDomainError(invoke(createTagOp, asSup(), { name }), 'BAD_REQUEST', ['name']);
        expect(await counts(ctx.prisma)).toEqual(before);
      });
    }

    it('a missing tagName or an unknown field', async () => {
      const c = await conv();
      await expectDomainError(addRaw({ conversationId: c.id }), 'BAD_REQUEST', ['tagName']);
      await expectDomainError(addRaw({ conversationId: c.id, tagName: uid('ok'), colour: 'red' }), 'BAD_REQUEST');
      expect(await links(c.id)).toHaveLength(0);
    });

    it('100 characters of [A-Za-z0-9._-] are fine', async () => {
      const c = await conv();
      const name = `A.b_c-9${uid('').replace(/-/g, '')}`.padEnd(100, 'z');
      expect(name).toHaveLength(100);
      expect(await addRaw({ conversationId: c.id, tagName: name })).toEqual({ added: true, name });
    });
  });

  it('add and remove are refused on a CLOSED conversation, and nothing changes', async () => {
    const c = await conv();
    const existing = uid('kept');
    await add(c.id, existing);
    await ctx.prisma.conversation.update({ where: { id: c.id }, data: { status: 'CLOSED', closedAt: past, updatedAt: past } });
    const before = await counts(ctx.prisma);
    const newName = uid('refused');
    const e1 = await expectDomainError(add(c.id, newName), 'BAD_REQUEST');
    expect(e1.message).toBe('Closed conversation cannot be changed.');
    await expectDomainError(add(c.id, existing), 'BAD_REQUEST');
    await expectDomainError(remove(c.id, existing), 'BAD_REQUEST');
    expect(await counts(ctx.prisma)).toEqual(before);
    expect(await ctx.prisma.tag.findUnique({ where: { name: newName } })).toBeNull();
    expect((await links(c.id)).map((l) => l.tag.name)).toEqual([existing]);
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).updatedAt).toEqual(past);
  });

  it('an agent cannot tag or untag a conversation they may not see (NOT_FOUND)', async () => {
    const c = await conv();
    const name = uid('hidden');
    await add(c.id, name);
    const before = await counts(ctx.prisma);
    await expectDomainError(addConversationTag(ctx.prisma, agent, { conversationId: c.id, tagName: uid('x') }), 'NOT_FOUND');
    await expectDomainError(removeConversationTag(ctx.prisma, agent, { conversationId: c.id, tagName: name }), 'NOT_FOUND');
    await expectDomainError(listTags(ctx.prisma, agent, { conversationId: c.id, page: 0, limit: 10, orderBy: 'name:asc' }), 'NOT_FOUND');
    expect(await counts(ctx.prisma)).toEqual(before);
    const mine = await conv({ agentId: agent.id });
    expect((await addConversationTag(ctx.prisma, agent, { conversationId: mine.id, tagName: name })).added).toBe(true);
  });

  it('concurrent adds of one new tag name to different conversations make one Tag row', async () => {
    const convs = await Promise.all(Array.from({ length: RACERS }, () => conv()));
    const name = uid('race');
    const results = await Promise.all(convs.map((c) => race(c.id, name)));
    expect(results.every((r) => r.added)).toBe(true);
    const tags = await ctx.prisma.tag.findMany({ where: { name } });
    expect(tags).toHaveLength(1);
    expect(await ctx.prisma.conversationTag.count({ where: { tagId: tags[0].id } })).toBe(RACERS);
  });

  describe('listTags', () => {
    // Raw queries through the operation: the defaults (page 0, limit 10, name:asc) and the refusals are its parsing.
    const list = (q: Record<string, unknown>) => invoke(listTagsOp, asSup(), q);
    let c: { id: string };
    let prefix: string;
    let names: string[];

    beforeAll(async () => {
      prefix = uid('lst').replace(/-/g, '');
      names = ['alpha', 'beta', 'delta', 'gamma'].map((n) => `${prefix}-${n}`);
      c = await conv();
      for (const n of names.slice(0, 3)) await add(c.id, n);
      // On another conversation only: matches the name filter, not the conversation filter.
      await add((await conv()).id, names[3]);
    });

    it('filters by conversationId', async () => {
      const res = await list({ conversationId: c.id, limit: 999 });
      expect(res.tags.map((t) => t.name)).toEqual(names.slice(0, 3).sort());
      expect(res.totalItems).toBe(3);
    });

    it('filters by name (contains, case-insensitive)', async () => {
      const res = await list({ name: prefix.toUpperCase(), limit: 999 });
      expect(res.tags.map((t) => t.name).sort()).toEqual([...names].sort());
      const beta = await list({ name: `${prefix}-bet` });
      expect(beta.tags.map((t) => t.name)).toEqual([names[1]]);
      const both = await list({ name: prefix, conversationId: c.id, limit: 999 });
      expect(both.totalItems).toBe(3);
    });

    it('paginates with a stable order and reports the page', async () => {
      const pages = await Promise.all([0, 1, 2].map((page) => list({ name: prefix, limit: 2, page, orderBy: 'name:asc' })));
      expect(pages.map((p) => p.tags.length)).toEqual([2, 2, 0]);
      expect(pages.flatMap((p) => p.tags.map((t) => t.name))).toEqual([...names].sort());
      expect(pages[1]).toMatchObject({ totalItems: 4, page: 1, limit: 2, orderBy: 'name:asc' });
      const desc = await list({ name: prefix, limit: 999, orderBy: 'name:desc' });
      expect(desc.tags.map((t) => t.name)).toEqual([...names].sort().reverse());
    });

    it('refuses bad paging', async () => {
      await expectDomainError(list({ limit: 1000 }), 'BAD_REQUEST', ['limit']);
      await expectDomainError(list({ page: -1 }), 'BAD_REQUEST', ['page']);
      await expectDomainError(list({ orderBy: 'id:asc' }), 'BAD_REQUEST', ['orderBy']);
    });
  });
});
