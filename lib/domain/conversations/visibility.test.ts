import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { expectDomainError, makeApiKeyActor, makeConversation, makeInbox, makeQueue, makeUser, type UserActor } from '../../test/fixtures';
import { systemActor, type Actor } from '../../access/actor';
import { conversationListQuerySchema } from '../../validation/conversations';
import { DomainError } from '../errors';
import { getConversation, getTimeline } from './get';
import { listConversations } from './list';

// SPEC §2: an agent sees a conversation assigned to them, in an inbox they collaborate on, or in a
// queue they are a member of; supervisors and admins see all; anything else is 404.
describeEachEngine('conversation visibility (single reads)', (ctx) => {
  let ana: UserActor;
  let ben: UserActor;
  const ids: Record<'assigned' | 'inbox' | 'queue' | 'othersAssigned' | 'othersInbox' | 'othersQueue' | 'nowhere' | 'closedAssigned', string> = {} as never;
  const anaSees = ['assigned', 'inbox', 'queue', 'closedAssigned'] as const;

  beforeAll(async () => {
    const p = ctx.prisma;
    [ana, ben] = await Promise.all([makeUser(p, 'AGENT'), makeUser(p, 'AGENT')]);
    const [anaInbox, benInbox, anaQueue, benQueue] = await Promise.all([
      makeInbox(p, { collaborators: [ana.id] }),
      makeInbox(p, { collaborators: [ben.id] }),
      makeQueue(p, [ana.id]),
      makeQueue(p, [ben.id]),
    ]);
    const make = async (key: keyof typeof ids, data: Parameters<typeof makeConversation>[1]) => {
      ids[key] = (await makeConversation(p, data)).id;
    };
    // Each of ana's is reachable by exactly one path; the rest belong to ben's inbox/queue/assignment.
    await make('assigned', { agentId: ana.id, inboxId: benInbox.id, queueId: benQueue.id });
    await make('inbox', { inboxId: anaInbox.id, queueId: benQueue.id, agentId: ben.id });
    await make('queue', { queueId: anaQueue.id, inboxId: benInbox.id, agentId: ben.id });
    await make('closedAssigned', { agentId: ana.id, status: 'CLOSED', closedAt: new Date() });
    await make('othersAssigned', { agentId: ben.id });
    await make('othersInbox', { inboxId: benInbox.id });
    await make('othersQueue', { queueId: benQueue.id });
    await make('nowhere', {});
  });

  const all = () => Object.keys(ids) as (keyof typeof ids)[];

  /** Which of the fixture conversations the actor can open; every other one must be NOT_FOUND. */
  async function visibleTo(actor: Actor): Promise<string[]> {
    const results = await Promise.all(all().map((key) => getConversation(ctx.prisma, actor, { conversationId: ids[key] }).catch((e: unknown) => e)));
    const seen: (keyof typeof ids)[] = [];
    for (const [i, key] of all().entries()) {
      const r = results[i];
      if (r instanceof DomainError) {
        expect(r.code).toBe('NOT_FOUND');
        await expectDomainError(getTimeline(ctx.prisma, actor, { conversationId: ids[key] }), 'NOT_FOUND');
      } else {
        expect((r as { id: string }).id).toBe(ids[key]);
        seen.push(key);
      }
    }
    // The list agrees with the single reads (both use one visibility rule).
    const page = await listConversations(ctx.prisma, actor, conversationListQuerySchema.parse({ conversationIds: Object.values(ids).join(','), limit: 999 }));
    expect(page.items.map((c) => c.id).sort()).toEqual(seen.map((k) => ids[k]).sort());
    return seen.sort();
  }

  it('an agent sees what is assigned to them, in their inbox, or in their queue — and nothing else', async () => {
    expect(await visibleTo(ana)).toEqual([...anaSees].sort());
  });

  it('another agent sees their own set', async () => {
    expect(await visibleTo(ben)).toEqual(['assigned', 'inbox', 'othersAssigned', 'othersInbox', 'othersQueue', 'queue'].sort());
  });

  it('an agent with no assignment, inbox or queue sees nothing', async () => {
    expect(await visibleTo(await makeUser(ctx.prisma, 'AGENT'))).toEqual([]);
  });

  it('an unknown id is NOT_FOUND, even for an admin', async () => {
    await expectDomainError(getConversation(ctx.prisma, await makeUser(ctx.prisma, 'ADMIN'), { conversationId: 'no-such-id' }), 'NOT_FOUND');
  });

  it('an AGENT API key acting as an agent sees what that agent sees', async () => {
    const key = await makeApiKeyActor(ctx.prisma, 'AGENT', ana.id);
    expect(await visibleTo(key)).toEqual([...anaSees].sort());
  });

  it('an AGENT API key with no user sees nothing', async () => {
    expect(await visibleTo(await makeApiKeyActor(ctx.prisma, 'AGENT', null))).toEqual([]);
  });

  it('supervisors and admins see everything (users and keys), as does the system', async () => {
    const actors: Actor[] = [
      await makeUser(ctx.prisma, 'SUPERVISOR'),
      await makeUser(ctx.prisma, 'ADMIN'),
      await makeApiKeyActor(ctx.prisma, 'SUPERVISOR'),
      await makeApiKeyActor(ctx.prisma, 'ADMIN'),
      systemActor('test'),
    ];
    for (const actor of actors) expect(await visibleTo(actor)).toEqual(all().sort());
  });

  it('visibility follows the data: losing the assignment hides it, joining the queue shows it again', async () => {
    const cara = await makeUser(ctx.prisma, 'AGENT');
    const queue = await makeQueue(ctx.prisma);
    const c = await makeConversation(ctx.prisma, { agentId: cara.id, queueId: queue.id });
    expect((await getConversation(ctx.prisma, cara, { conversationId: c.id })).id).toBe(c.id);
    await ctx.prisma.conversation.update({ where: { id: c.id }, data: { agentId: null } });
    await expectDomainError(getConversation(ctx.prisma, cara, { conversationId: c.id }), 'NOT_FOUND');
    await ctx.prisma.queueMember.create({ data: { queueId: queue.id, userId: cara.id } });
    expect((await getConversation(ctx.prisma, cara, { conversationId: c.id })).id).toBe(c.id);
  });
});
