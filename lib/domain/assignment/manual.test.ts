import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import type { Actor } from '../../access/actor';
import { assignConversation, assignableAgents } from './manual';
import { heartbeat } from './presence';
import { sweepSilentAgents } from './sweep';
import { updateConversation } from '../conversations/update';

describeEachEngine('manual assignment and presence', (ctx) => {
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

  it('the sweep marks a silent agent OFFLINE and reassigns; a heartbeat keeps one ONLINE', async () => {
    const { ana, ben, inbox, actorOf } = await setup();
    await ctx.prisma.inboxCollaborator.create({ data: { inboxId: inbox.id, userId: ben.id, position: 1 } });
    await ctx.prisma.conversation.createMany({ data: Array.from({ length: 4 }, () => ({ inboxId: inbox.id, agentId: ana.id })) });
    const later = new Date(Date.now() + 60_000);
    await heartbeat(ctx.prisma, actorOf(ben), { agentId: ben.id });
    await ctx.prisma.user.update({ where: { id: ana.id }, data: { lastSeenAt: new Date(Date.now() - 120_000) } });
    await ctx.prisma.user.update({ where: { id: ben.id }, data: { lastSeenAt: later } });
    const swept = await sweepSilentAgents(ctx.prisma, new Date(), 90_000);
    expect(swept).toContain(ana.id);
    expect(swept).not.toContain(ben.id);
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: ana.id } })).availability).toBe('OFFLINE');
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: ben.id } })).availability).toBe('ONLINE');
    expect(await ctx.prisma.conversation.count({ where: { inboxId: inbox.id, agentId: ben.id } })).toBe(4);
    const ev = await ctx.prisma.timelineEvent.findFirst({ where: { conversation: { inboxId: inbox.id }, kind: 'ASSIGNEE_CHANGED' } });
    expect(ev?.reason).toBe(`reassigned: ${ana.name} stopped responding — round robin`);
  });
});
