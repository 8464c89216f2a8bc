import { expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { makeInbox, makeUser } from '../test/fixtures';
import { countUnreadAssigned, markConversationRead, unreadAmong } from './unread';
import { assignConversation } from './assignment/manual';
import { addMessage } from './conversations/messages';
import { updateConversation } from './conversations/update';

describeEachEngine('unread assigned conversations (tab badge)', (ctx) => {
  async function setup() {
    const p = ctx.prisma;
    const [ana, ben, sup] = [await makeUser(p), await makeUser(p), await makeUser(p, 'SUPERVISOR')];
    const inbox = await makeInbox(p, { collaborators: [ana.id, ben.id] });
    const mk = () => p.conversation.create({ data: { inboxId: inbox.id } });
    return { ana, ben, sup, inbox, mk };
  }

  it('counts what was assigned to me and not opened since, until I open it', async () => {
    const { ana, sup, mk } = await setup();
    const [a, b] = [await mk(), await mk()];
    expect(await countUnreadAssigned(ctx.prisma, ana)).toBe(0);
    await assignConversation(ctx.prisma, sup, { conversationId: a.id, agentId: ana.id });
    await assignConversation(ctx.prisma, sup, { conversationId: b.id, agentId: ana.id });
    expect(await countUnreadAssigned(ctx.prisma, ana)).toBe(2);
    await markConversationRead(ctx.prisma, ana, { conversationId: a.id });
    expect(await countUnreadAssigned(ctx.prisma, ana)).toBe(1);
    // Someone else reading it changes nothing for me.
    await markConversationRead(ctx.prisma, sup, { conversationId: b.id });
    expect(await countUnreadAssigned(ctx.prisma, ana)).toBe(1);
  });

  it('a customer message after I read it, or a new assignment, makes it unread again; closed ones never count', async () => {
    const { ana, ben, sup, mk } = await setup();
    const c = await mk();
    await assignConversation(ctx.prisma, sup, { conversationId: c.id, agentId: ana.id });
    await markConversationRead(ctx.prisma, ana, { conversationId: c.id });
    expect(await countUnreadAssigned(ctx.prisma, ana)).toBe(0);

    await new Promise((r) => setTimeout(r, 5));
    await addMessage(ctx.prisma, sup, { conversationId: c.id, direction: 'OUTBOUND', contentType: 'TEXT', content: { text: 'Our reply' } });
    expect(await countUnreadAssigned(ctx.prisma, ana)).toBe(0);
    await addMessage(ctx.prisma, sup, { conversationId: c.id, direction: 'INBOUND', contentType: 'TEXT', content: { text: 'Customer again' } });
    expect(await countUnreadAssigned(ctx.prisma, ana)).toBe(1);
    await markConversationRead(ctx.prisma, ana, { conversationId: c.id });

    await new Promise((r) => setTimeout(r, 5));
    await assignConversation(ctx.prisma, sup, { conversationId: c.id, agentId: ben.id });
    await assignConversation(ctx.prisma, sup, { conversationId: c.id, agentId: ana.id });
    expect(await countUnreadAssigned(ctx.prisma, ana)).toBe(1);

    await updateConversation(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { status: 'CLOSED' } });
    expect(await countUnreadAssigned(ctx.prisma, ana)).toBe(0);
  });

  it('refuses to mark a conversation the user may not see (404), and writes nothing', async () => {
    const { sup } = await setup();
    const stranger = await makeUser(ctx.prisma);
    const other = await ctx.prisma.conversation.create({ data: { topic: 'elsewhere' } });
    await expect(markConversationRead(ctx.prisma, stranger, { conversationId: other.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await ctx.prisma.conversationRead.count({ where: { conversationId: other.id } })).toBe(0);
    await markConversationRead(ctx.prisma, sup, { conversationId: other.id });
    expect(await ctx.prisma.conversationRead.count({ where: { conversationId: other.id } })).toBe(1);
  });

  it('tells which rows of a list page are unread for the viewer, in one query', async () => {
    const { ana, ben, sup, mk } = await setup();
    const [a, b, c] = [await mk(), await mk(), await mk()];
    await assignConversation(ctx.prisma, sup, { conversationId: a.id, agentId: ana.id });
    await assignConversation(ctx.prisma, sup, { conversationId: b.id, agentId: ana.id });
    await assignConversation(ctx.prisma, sup, { conversationId: c.id, agentId: ben.id });
    await markConversationRead(ctx.prisma, ana, { conversationId: b.id });
    const before = ctx.queryCount();
    expect(await unreadAmong(ctx.prisma, ana, [a.id, b.id, c.id])).toEqual(new Set([a.id]));
    expect(ctx.queryCount() - before).toBe(1);
    expect(await unreadAmong(ctx.prisma, ana, [])).toEqual(new Set());
  });
});

