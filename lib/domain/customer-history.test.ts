import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { makeApiKeyActor, makeConversation, makeInbox, makeQueue, makeUser, type UserActor } from '../test/fixtures';
import { customerHistory } from './customer-history';

describeEachEngine('customer history', (ctx) => {
  let agent: UserActor;
  let sup: UserActor;
  let customerId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const p = ctx.prisma;
    [agent, sup] = await Promise.all([makeUser(p), makeUser(p, 'SUPERVISOR')]);
    const [mine, theirs, queue] = await Promise.all([makeInbox(p, { collaborators: [agent.id] }), makeInbox(p), makeQueue(p, [agent.id])]);
    customerId = (await p.customer.create({ data: { name: 'History Customer' } })).id;
    const someoneElse = (await p.customer.create({ data: { name: 'Another' } })).id;
    const at = (d: number) => new Date(Date.UTC(2026, 0, d));
    // Each visible to the agent by one path of SPEC §2, or by none.
    ids.current = (await makeConversation(p, { customerId, inboxId: mine.id, createdAt: at(10) })).id;
    ids.byInbox = (await makeConversation(p, { customerId, inboxId: mine.id, status: 'CLOSED', createdAt: at(1) })).id;
    ids.byQueue = (await makeConversation(p, { customerId, inboxId: theirs.id, queueId: queue.id, status: 'SOLVED', createdAt: at(2) })).id;
    ids.assigned = (await makeConversation(p, { customerId, inboxId: theirs.id, agentId: agent.id, createdAt: at(3) })).id;
    ids.hidden = (await makeConversation(p, { customerId, inboxId: theirs.id, createdAt: at(4) })).id;
    ids.otherCustomer = (await makeConversation(p, { customerId: someoneElse, inboxId: mine.id, createdAt: at(5) })).id;
  });

  it('lists only the conversations the viewer may see, newest first, without the current one', async () => {
    const { items, more } = await customerHistory(ctx.prisma, agent, { customerId, exceptConversationId: ids.current });
    expect(items.map((i) => i.id)).toEqual([ids.assigned, ids.byQueue, ids.byInbox]);
    expect(items.map((i) => i.status)).toEqual(['OPEN', 'SOLVED', 'CLOSED']);
    expect(more).toBe(false);
  });

  it('shows a supervisor all of them, and a key of its own none', async () => {
    const all = await customerHistory(ctx.prisma, sup, { customerId, exceptConversationId: ids.current });
    expect(all.items.map((i) => i.id)).toEqual([ids.hidden, ids.assigned, ids.byQueue, ids.byInbox]);
    const key = await makeApiKeyActor(ctx.prisma, 'AGENT');
    expect((await customerHistory(ctx.prisma, key, { customerId })).items).toEqual([]);
  });

  it('says there are more beyond the limit without counting', async () => {
    const page = await customerHistory(ctx.prisma, sup, { customerId, limit: 2 });
    expect(page.items.map((i) => i.id)).toEqual([ids.current, ids.hidden]);
    expect(page.more).toBe(true);
  });
});
