import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import type { Actor } from '../../access/actor';
import { assignConversation, assignableAgents } from './manual';
import { updateConversation } from '../conversations/update';

describeEachEngine('manual assignment', (ctx) => {
  let k = 0;
  async function setup() {
    const p = ctx.prisma;
    const n = ++k;
    const mk = (name: string, role: 'ADMIN' | 'SUPERVISOR' | 'AGENT' = 'AGENT', availability: 'ONLINE' | 'OFFLINE' = 'ONLINE') =>
      p.user.create({ data: { email: `${name}${n}@m.example`, name: `${name}${n}`, passwordHash: 'x', role, availability, lastSeenAt: new Date() } });
    const [ana, ben, out, admin] = [await mk('ana'), await mk('ben'), await mk('out'), await mk('admin', 'ADMIN')];
    const queue = await p.queue.create({ data: { name: `Q${n}`, members: { create: { userId: ben.id } } } });
    const inbox = await p.inbox.create({ data: { name: `I${n}`, collaborators: { create: { userId: ana.id } } } });
    const c = await p.conversation.create({ data: { inboxId: inbox.id, queueId: queue.id } });
    const actorOf = (u: { id: string; name: string; email: string }, role: Actor['role'] = 'AGENT'): Actor => ({ kind: 'user', id: u.id, role, name: u.name, email: u.email });
    return { ana, ben, out, admin, queue, inbox, c, actorOf };
  }

  it('lists collaborators, queue members and admins, and assigns only to them', async () => {
    const { ana, ben, out, admin, c, actorOf } = await setup();
    const options = await assignableAgents(ctx.prisma, actorOf(ana), { conversationId: c.id });
    const ids = options.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([ana.id, ben.id, admin.id]));
    expect(ids).not.toContain(out.id);

    const assigned = await assignConversation(ctx.prisma, actorOf(ana), { conversationId: c.id, agentId: ben.id });
    expect(assigned.agentId).toBe(ben.id);
    await expect(assignConversation(ctx.prisma, actorOf(ana), { conversationId: c.id, agentId: out.id })).rejects.toMatchObject({ code: 'BAD_REQUEST', fields: { agentId: ['Not eligible for this conversation.'] } });
    await expect(updateConversation(ctx.prisma, actorOf(ana), { conversationId: c.id, mode: 'patch', changes: { agentId: out.id } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).agentId).toBe(ben.id);

    const unassigned = await assignConversation(ctx.prisma, actorOf(ana), { conversationId: c.id, agentId: null });
    expect(unassigned.agentId).toBeNull();
    const events = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: c.id, kind: 'ASSIGNEE_CHANGED' }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => [e.actorUserId, (e.after as { agentId: string | null }).agentId])).toEqual([
      [ana.id, ben.id],
      [ana.id, null],
    ]);
  });

  it('refuses on CLOSED and for conversations the agent may not see', async () => {
    const { ana, out, admin, c, actorOf } = await setup();
    await expect(assignConversation(ctx.prisma, actorOf(out), { conversationId: c.id, agentId: admin.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await ctx.prisma.conversation.update({ where: { id: c.id }, data: { status: 'CLOSED' } });
    await expect(assignConversation(ctx.prisma, actorOf(ana), { conversationId: c.id, agentId: ana.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
