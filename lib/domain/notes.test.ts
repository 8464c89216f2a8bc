import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { counts, expectDomainError, makeApiKeyActor, makeConversation, makeInbox, makeQueue, makeUser, type UserActor } from '../test/fixtures';
import { invoke } from '../operations/operation';
import { createNoteOp, listNotesOp } from '../operations/notes-metadata';
import { visibleConversationsWhere } from '../access/visibility';
import { MemoryBus, setBus, type EventBus } from '../realtime/bus';
import type { BusEvent } from '../realtime/events';
import { conversationViewers, createNote, listNotes } from './notes';

describeEachEngine('notes', (ctx) => {
  let sup: UserActor;
  let collaborator: UserActor;
  let member: UserActor;
  let outsider: UserActor;
  let inboxId: string;
  let queueId: string;
  let previous: EventBus | undefined;
  const published: BusEvent[] = [];

  beforeAll(async () => {
    const p = ctx.prisma;
    [sup, collaborator, member, outsider] = await Promise.all([makeUser(p, 'SUPERVISOR'), makeUser(p), makeUser(p), makeUser(p)]);
    inboxId = (await makeInbox(p, { collaborators: [collaborator.id] })).id;
    queueId = (await makeQueue(p, [member.id])).id;
    const mem = new MemoryBus();
    previous = setBus(mem);
    mem.subscribe((e) => void published.push(e));
  });
  afterAll(() => void setBus(previous));

  const conv = (data: Parameters<typeof makeConversation>[1] = {}) => makeConversation(ctx.prisma, { inboxId, queueId, ...data } as typeof data);
  const add = (actor: Parameters<typeof invoke>[1]['actor'], input: Record<string, unknown>) => invoke(createNoteOp, { db: ctx.prisma, actor }, input);
  const until = async (ok: () => boolean) => {
    for (const end = Date.now() + 5_000; !ok(); await new Promise((r) => setTimeout(r, 10))) if (Date.now() > end) throw new Error('no event');
  };

  it('accepts both reference examples: a string, and an ATTACHMENT object whose text is kept', async () => {
    const c = await conv();
    const text = await add(sup, { conversationId: c.id, content: 'Note content', agentId: collaborator.id });
    expect(text).toMatchObject({ conversationId: c.id, content: 'Note content', type: 'INTERNAL', authorId: collaborator.id });
    const attached = await add(sup, {
      conversationId: c.id,
      type: 'ATTACHMENT',
      content: { text: 'Note content', attachments: [{ id: '12345' }, { id: '67890' }] },
      agentId: collaborator.id,
    });
    expect(attached).toMatchObject({ content: 'Note content', type: 'ATTACHMENT' });
    const rows = await ctx.prisma.note.findMany({ where: { conversationId: c.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((n) => [n.type, n.content, n.authorId])).toEqual([
      ['INTERNAL', 'Note content', collaborator.id],
      ['ATTACHMENT', 'Note content', collaborator.id],
    ]);
    // Internal: nothing reaches the messages.
    expect(await ctx.prisma.message.count({ where: { conversationId: c.id } })).toBe(0);
  });

  it('defaults the author to the acting user (a key acts for its owner; a key of its own writes without one)', async () => {
    const c = await conv();
    expect((await add(collaborator, { conversationId: c.id, content: 'mine' })).authorId).toBe(collaborator.id);
    const owned = await makeApiKeyActor(ctx.prisma, 'AGENT', member.id);
    const byOwned = await add(owned, { conversationId: c.id, content: 'by key', agentId: null });
    expect(byOwned).toMatchObject({ authorId: member.id, authorApiKeyId: owned.id });
    const own = await makeApiKeyActor(ctx.prisma, 'ADMIN');
    expect(await add(own, { conversationId: c.id, content: 'by admin key', agentId: '' })).toMatchObject({ authorId: null, authorApiKeyId: own.id });
  });

  it('refuses, changing nothing: an author who may not see it, blank or long content, an unknown type', async () => {
    const c = await conv();
    const before = await counts(ctx.prisma);
    const notesBefore = await ctx.prisma.note.count();
    await expectDomainError(add(sup, { conversationId: c.id, content: 'x', agentId: outsider.id }), 'BAD_REQUEST', ['agentId']);
    await expectDomainError(add(sup, { conversationId: c.id, content: 'x', agentId: 'no-such-user' }), 'BAD_REQUEST', ['agentId']);
    // An agent writes notes as themselves only: another agent's name is for supervisors and admins.
    await expectDomainError(add(collaborator, { conversationId: c.id, content: 'x', agentId: member.id }), 'FORBIDDEN', ['agentId']);
    const agentKey = await makeApiKeyActor(ctx.prisma, 'AGENT', member.id);
    await expectDomainError(add(agentKey, { conversationId: c.id, content: 'x', agentId: collaborator.id }), 'FORBIDDEN', ['agentId']);
    await expectDomainError(add(sup, { conversationId: c.id, content: '   ' }), 'BAD_REQUEST', ['content']);
    await expectDomainError(add(sup, { conversationId: c.id, content: { text: '' } }), 'BAD_REQUEST', ['content.text']);
    await expectDomainError(add(sup, { conversationId: c.id, content: 'x'.repeat(4001) }), 'BAD_REQUEST', ['content']);
    await expectDomainError(add(sup, { conversationId: c.id, content: 'x', type: 'JIRA_COMMENT' }), 'BAD_REQUEST', ['type']);
    await expectDomainError(add(sup, { conversationId: c.id, content: 42 }), 'BAD_REQUEST', ['content']);
    expect(await counts(ctx.prisma)).toEqual(before);
    expect(await ctx.prisma.note.count()).toBe(notesBefore);
    expect((await add(sup, { conversationId: c.id, content: 'x'.repeat(4000) })).content).toHaveLength(4000);
  });

  it('answers 404 to whoever may not see the conversation, for reads and writes', async () => {
    const c = await conv();
    await expectDomainError(add(outsider, { conversationId: c.id, content: 'peek' }), 'NOT_FOUND');
    await expectDomainError(listNotes(ctx.prisma, outsider, { conversationId: c.id, page: 0, limit: 10, orderBy: 'createdAt:asc' }), 'NOT_FOUND');
    const ownKey = await makeApiKeyActor(ctx.prisma, 'AGENT');
    await expectDomainError(add(ownKey, { conversationId: c.id, content: 'peek' }), 'NOT_FOUND');
    expect(await ctx.prisma.note.count({ where: { conversationId: c.id } })).toBe(0);
  });

  it('allows notes on a CLOSED conversation: internal, not a change of it', async () => {
    const c = await conv({ status: 'CLOSED', closedAt: new Date() });
    const n = await createNote(ctx.prisma, sup, { conversationId: c.id, type: 'INTERNAL', content: 'post-mortem', agentId: null });
    expect(n.content).toBe('post-mortem');
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('CLOSED');
  });

  it('writes NOTE_ADDED in the same transaction, leaves updatedAt alone, and tells the conversation’s viewers', async () => {
    const past = new Date('2025-01-01T00:00:00Z');
    const c = await conv({ updatedAt: past });
    const n = await createNote(ctx.prisma, collaborator, { conversationId: c.id, type: 'INTERNAL', content: 'hello', agentId: null });
    const ev = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: c.id } });
    expect(ev).toMatchObject([{ kind: 'NOTE_ADDED', actorUserId: collaborator.id, after: { noteId: n.id, mentionedUserIds: [] } }]);
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).updatedAt).toEqual(past);
    await until(() => published.some((e) => e.type === 'conversation' && e.id === c.id));
    expect(published.find((e) => e.type === 'conversation' && e.id === c.id)).toMatchObject({ changes: ['note'] });
  });

  it('resolves @mentions against the viewers, stores them and tells each mentioned user (not the author, not outsiders)', async () => {
    const c = await conv();
    const content = `@${member.name} and @${sup.name.toUpperCase()}, see this. Not @${outsider.name}; me: @${collaborator.name}`;
    const n = await createNote(ctx.prisma, collaborator, { conversationId: c.id, type: 'INTERNAL', content, agentId: null });
    expect(n.mentionedUserIds).toEqual([member.id, sup.id, collaborator.id]);
    await until(() => published.filter((e) => e.type === 'mention' && e.noteId === n.id).length === 2);
    const mentions = published.filter((e) => e.type === 'mention' && e.noteId === n.id);
    expect(mentions).toEqual([
      { type: 'mention', userId: member.id, conversationId: c.id, noteId: n.id, byName: collaborator.name },
      { type: 'mention', userId: sup.id, conversationId: c.id, noteId: n.id, byName: collaborator.name },
    ]);
  });

  it('publishes nothing for a refused note', async () => {
    const c = await conv();
    const mark = published.length;
    await expectDomainError(add(sup, { conversationId: c.id, content: `@${member.name}`, agentId: outsider.id }), 'BAD_REQUEST');
    await new Promise((r) => setTimeout(r, 50));
    expect(published.slice(mark).filter((e) => e.type === 'mention' || (e.type === 'conversation' && e.id === c.id))).toEqual([]);
  });

  it('lists a page of notes in order, with pagination', async () => {
    const c = await conv();
    for (const [i, at] of ['2025-01-01', '2025-01-03', '2025-01-02'].entries()) {
      await ctx.prisma.note.create({ data: { conversationId: c.id, content: `n${i}`, createdAt: new Date(`${at}T00:00:00Z`) } });
    }
    const list = (q: Record<string, unknown>) => invoke(listNotesOp, { db: ctx.prisma, actor: member }, { conversationId: c.id, ...q });
    const first = await list({ limit: '2' });
    expect(first.notes.map((n) => n.content)).toEqual(['n0', 'n2']);
    expect(first).toMatchObject({ totalItems: 3, page: 0, limit: 2, orderBy: 'createdAt:asc' });
    expect((await list({ limit: '2', page: '1' })).notes.map((n) => n.content)).toEqual(['n1']);
    expect((await list({ orderBy: 'createdAt:DESC' })).notes.map((n) => n.content)).toEqual(['n1', 'n2', 'n0']);
    await expectDomainError(list({ orderBy: 'content:asc' }), 'BAD_REQUEST', ['orderBy']);
    await expectDomainError(list({ limit: '1000' }), 'BAD_REQUEST', ['limit']);
  });

  it('finds exactly the users who may see the conversation, as visibility defines it', async () => {
    const assignee = await makeUser(ctx.prisma);
    const disabled = await makeUser(ctx.prisma, 'ADMIN', { enabled: false });
    const places = [await conv({ agentId: assignee.id }), await conv({ queueId: null }), await conv({ inboxId: null, queueId: null })];
    const users = await ctx.prisma.user.findMany({ select: { id: true, role: true, name: true, email: true, enabled: true } });
    for (const c of places) {
      const viewers = (await conversationViewers(ctx.prisma, c)).map((u) => u.id).sort();
      const expected: string[] = [];
      for (const u of users.filter((x) => x.enabled)) {
        const actor = { kind: 'user' as const, id: u.id, role: u.role, name: u.name, email: u.email };
        if (await ctx.prisma.conversation.count({ where: { AND: [{ id: c.id }, visibleConversationsWhere(actor)] } })) expected.push(u.id);
      }
      expect(viewers).toEqual(expected.sort());
      expect(viewers).not.toContain(disabled.id);
    }
  });
});
