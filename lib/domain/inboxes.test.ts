import { expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { expectDomainError, makeConversation, makeInbox, makeUser } from '../test/fixtures';
import { systemActor } from '../access/actor';
import { setInboxTogglesSchema } from '../validation/admin';
import { unitOfWork } from '../db/unit-of-work';
import { autoAssign } from './assignment/auto-assign';
import { parseOrThrow } from './errors';
import { addCollaborator, listInboxes, removeCollaborator, setInboxToggles } from './inboxes';

describeEachEngine('inbox administration', (ctx) => {
  async function setup() {
    const p = ctx.prisma;
    const [admin, supervisor, agent, ana, ben] = [
      await makeUser(p, 'ADMIN'),
      await makeUser(p, 'SUPERVISOR'),
      await makeUser(p, 'AGENT'),
      await makeUser(p, 'AGENT'),
      await makeUser(p, 'AGENT'),
    ];
    const inbox = await makeInbox(p, { collaborators: [ana.id] });
    return { admin, supervisor, agent, ana, ben, inbox };
  }

  it('refuses to list inboxes below admin', async () => {
    const { supervisor, agent } = await setup();
    for (const actor of [supervisor, agent]) await expect(listInboxes(ctx.prisma, actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('appends collaborators at the end of the order, refuses duplicates and disabled users, removes', async () => {
    const { admin, ana, ben, inbox } = await setup();
    await addCollaborator(ctx.prisma, admin, { inboxId: inbox.id, userId: ben.id });
    const rows = await ctx.prisma.inboxCollaborator.findMany({ where: { inboxId: inbox.id } });
    const pos = new Map(rows.map((r) => [r.userId, r.position]));
    expect(pos.get(ben.id)).toBe(pos.get(ana.id)! + 1);
    await expectDomainError(addCollaborator(ctx.prisma, admin, { inboxId: inbox.id, userId: ben.id }), 'CONFLICT', ['userId']);
    const off = await makeUser(ctx.prisma, 'AGENT', { enabled: false });
    await expectDomainError(addCollaborator(ctx.prisma, admin, { inboxId: inbox.id, userId: off.id }), 'BAD_REQUEST', ['userId']);
    await expectDomainError(addCollaborator(ctx.prisma, admin, { inboxId: 'no-such-inbox', userId: ben.id }), 'NOT_FOUND');

    await removeCollaborator(ctx.prisma, admin, { inboxId: inbox.id, userId: ana.id });
    expect((await ctx.prisma.inboxCollaborator.findMany({ where: { inboxId: inbox.id } })).map((r) => r.userId)).toEqual([ben.id]);
    await expectDomainError(removeCollaborator(ctx.prisma, admin, { inboxId: inbox.id, userId: ana.id }), 'NOT_FOUND');
  });

  it('lists collaborators in round-robin order and marks the next ONLINE one', async () => {
    const { admin, ana, ben, inbox } = await setup();
    await addCollaborator(ctx.prisma, admin, { inboxId: inbox.id, userId: ben.id });
    await ctx.prisma.user.updateMany({ where: { id: { in: [ana.id, ben.id] } }, data: { availability: 'ONLINE' } });
    // Ana had the last turn, so Ben is first in line despite his later position.
    await ctx.prisma.inboxCollaborator.update({ where: { inboxId_userId: { inboxId: inbox.id, userId: ana.id } }, data: { lastTurn: 5 } });
    const row = (await listInboxes(ctx.prisma, admin)).find((i) => i.id === inbox.id)!;
    expect(row.collaborators.map((c) => [c.userId, c.next])).toEqual([
      [ben.id, true],
      [ana.id, false],
    ]);
    await ctx.prisma.user.update({ where: { id: ben.id }, data: { availability: 'OFFLINE' } });
    const again = (await listInboxes(ctx.prisma, admin)).find((i) => i.id === inbox.id)!;
    expect(again.collaborators.find((c) => c.next)?.userId).toBe(ana.id);
    // As auto-assignment decides: an agent at capacity or away is not next; with nobody ONLINE free,
    // an OFFLINE one is, as a new conversation would go to them.
    const nextOf = async () => (await listInboxes(ctx.prisma, admin)).find((i) => i.id === inbox.id)!.collaborators.find((c) => c.next)?.userId ?? null;
    await ctx.prisma.user.update({ where: { id: ben.id }, data: { availability: 'ONLINE' } });
    await ctx.prisma.user.update({ where: { id: ben.id }, data: { capacity: 0 } });
    expect(await nextOf()).toBe(ana.id);
    await ctx.prisma.user.update({ where: { id: ana.id }, data: { disconnectedAt: new Date() } });
    expect(await nextOf()).toBeNull();
    await ctx.prisma.user.update({ where: { id: ana.id }, data: { disconnectedAt: null, availability: 'OFFLINE' } });
    expect(await nextOf()).toBe(ana.id);
  });

  it('with auto-assignment off, a new conversation stays unassigned', async () => {
    const { admin, ana, inbox } = await setup();
    await ctx.prisma.user.update({ where: { id: ana.id }, data: { availability: 'ONLINE' } });
    expect(await setInboxToggles(ctx.prisma, admin, { inboxId: inbox.id, autoAssign: false })).toEqual({ autoAssign: false, reassignOnOffline: true });
    const c = await makeConversation(ctx.prisma, { inboxId: inbox.id });
    await unitOfWork(ctx.prisma, (tx) => autoAssign(tx, systemActor('test'), c.id));
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).agentId).toBeNull();
    // And back on, the same kind of conversation goes to Ana.
    await setInboxToggles(ctx.prisma, admin, { inboxId: inbox.id, autoAssign: true });
    await unitOfWork(ctx.prisma, (tx) => autoAssign(tx, systemActor('test'), c.id));
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).agentId).toBe(ana.id);
    // As a door does it, parsing first: nothing to change, or not a boolean, is refused.
    const toggle = async (input: unknown) => setInboxToggles(ctx.prisma, admin, parseOrThrow(setInboxTogglesSchema, input));
    await expectDomainError(toggle({ inboxId: inbox.id }), 'BAD_REQUEST');
    await expectDomainError(toggle({ inboxId: inbox.id, autoAssign: 'no' }), 'BAD_REQUEST', ['autoAssign']);
  });
});
