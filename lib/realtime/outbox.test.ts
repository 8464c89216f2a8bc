import { afterEach, beforeAll, beforeEach, expect, it, vi, type MockInstance } from 'vitest';
import { describeEachEngine } from '../test/db';
import { expectDomainError, makeConversation, makeInbox, makeQueue, makeUser, uid, type UserActor } from '../test/fixtures';
import type { PrismaClient } from '../generated/prisma/client';
import { systemActor } from '../access/actor';
import { createConversation } from '../domain/conversations/create';
import { updateConversation } from '../domain/conversations/update';
import { addMessage } from '../domain/conversations/messages';
import { addConversationTag, removeConversationTag } from '../domain/conversations/tags';
import { routeConversation } from '../domain/routing/route-conversation';
import { saveRouteList } from '../domain/routing/route-list';
import { setAvailability } from '../domain/presence';
import { addQueueMember, deleteQueue, removeQueueMember } from '../domain/queue-admin';
import { markConversationRead } from '../domain/unread';
import { addCollaborator, removeCollaborator } from '../domain/inboxes';
import { setUserEnabled } from '../domain/users';
import { MemoryBus, setBus, type EventBus } from './bus';
import type { BusEvent, ConversationEvent } from './events';
import { unitOfWork } from '../db/unit-of-work';
import { recordTimeline } from '../domain/timeline';
import { emit, noteConversation, noteTimeline } from './outbox';

// The outbox's promise (lib/realtime/outbox.ts): domain code notes what it changed on its
// transaction, and the bus hears of it once, after commit, with the state that committed.
describeEachEngine('realtime outbox', (ctx) => {
  let mem: MemoryBus;
  let previous: EventBus | undefined;
  let got: BusEvent[];
  let publish: MockInstance<MemoryBus['publish']>;
  let sup: UserActor;
  let admin: UserActor;

  beforeAll(async () => {
    sup = await makeUser(ctx.prisma, 'SUPERVISOR');
    admin = await makeUser(ctx.prisma, 'ADMIN');
  });
  beforeEach(() => {
    mem = new MemoryBus();
    publish = vi.spyOn(mem, 'publish');
    previous = setBus(mem);
    got = [];
    mem.subscribe((e) => got.push(e));
  });
  afterEach(async () => {
    setBus(previous);
    await mem.close();
  });

  const about = (id: string) => got.filter((e): e is ConversationEvent => e.type === 'conversation' && e.id === id);
  const online = (id: string) => ctx.prisma.user.update({ where: { id }, data: { availability: 'ONLINE' } });

  /** The client with a count of open `$transaction` calls: an event heard while one is open left too early. */
  function counting(p: PrismaClient) {
    let open = 0;
    const db = new Proxy(p, {
      get(target, prop) {
        if (prop === '$transaction') {
          return async (...args: unknown[]) => {
            open++;
            try {
              return await (target.$transaction as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            } finally {
              open--;
            }
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { db, open: () => open };
  }

  it('createConversation (inbox, queue, auto-assigned) publishes one conversation event with the committed state', async () => {
    const agent = await makeUser(ctx.prisma, 'AGENT');
    await online(agent.id);
    const inbox = await makeInbox(ctx.prisma, { collaborators: [agent.id] });
    const queue = await makeQueue(ctx.prisma, [agent.id]);
    const created = await createConversation(ctx.prisma, sup, { inboxId: inbox.id, queueId: queue.id, topic: 'hello' });
    expect(created.agentId).toBe(agent.id); // auto-assignment ran in the same transaction

    const events = about(created.id);
    expect(events).toHaveLength(1);
    const row = await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: created.id } });
    expect(events[0]).toMatchObject({ status: row.status, inboxId: inbox.id, queueId: queue.id, agentId: agent.id, topic: 'hello' });
    expect(events[0].changes).toContain('created');
    expect(events[0].changes).toContain('assignee');
    // Everyone who sees it now hears of it as new, whatever happened inside the transaction.
    expect(events[0].before).toEqual({ queueId: null, agentId: null });
    expect(events[0].actor).toEqual({ kind: 'user', id: sup.id });
    expect(publish).toHaveBeenCalledTimes(1);
  });

  it('publishes only after commit: no transaction is open and a separate read sees the new state', async () => {
    const { db, open } = counting(ctx.prisma);
    const c = await makeConversation(ctx.prisma, { priority: 'NORMAL' });
    const seen: Promise<unknown>[] = [];
    const openWhenHeard: number[] = [];
    mem.subscribe((e) => {
      if (e.type !== 'conversation') return;
      openWhenHeard.push(open());
      seen.push(ctx.prisma.conversation.findUnique({ where: { id: e.id }, select: { id: true, priority: true } }));
    });
    const created = await createConversation(db, sup, { topic: 'after commit' });
    await updateConversation(db, sup, { conversationId: c.id, mode: 'patch', changes: { priority: 'URGENT' } });
    expect(openWhenHeard).toEqual([0, 0]);
    const [first, second] = await Promise.all(seen);
    expect(first).toMatchObject({ id: created.id });
    expect(second).toEqual({ id: c.id, priority: 'URGENT' });
  });

  it('a rolled-back transaction publishes nothing', async () => {
    const closed = await makeConversation(ctx.prisma, { status: 'CLOSED' });
    await expectDomainError(updateConversation(ctx.prisma, sup, { conversationId: closed.id, mode: 'patch', changes: { priority: 'HIGH' } }), 'BAD_REQUEST');
    // Noted, then thrown: the note must die with the transaction.
    const other = await makeConversation(ctx.prisma);
    await expect(
      unitOfWork(ctx.prisma, async (tx) => {
        noteConversation(tx, other.id, sup, 'message');
        throw new Error('x');
      }),
    ).rejects.toThrow('x');
    expect(got).toEqual([]);
    expect(publish).not.toHaveBeenCalled();
  });

  it('noting outside a unit of work throws instead of losing the event', async () => {
    const c = await makeConversation(ctx.prisma);
    const outside = /outside a unit of work/;
    expect(() => noteTimeline(ctx.prisma, c.id, sup, [{ kind: 'STATUS_CHANGED' }])).toThrow(outside);
    expect(() => noteConversation(ctx.prisma, c.id, sup, 'message')).toThrow(outside);
    expect(() => emit(ctx.prisma, { type: 'queues' })).toThrow(outside);
    // A bare Prisma transaction is not a unit of work either: there is no hook to publish from.
    await expect(ctx.prisma.$transaction((tx) => recordTimeline(tx, c.id, sup, [{ kind: 'STATUS_CHANGED', before: { status: 'OPEN' }, after: { status: 'WAITING' } }]))).rejects.toThrow(
      /noteTimeline outside a unit of work/,
    );
    expect(await ctx.prisma.timelineEvent.count({ where: { conversationId: c.id } })).toBe(0); // and the write rolled back with it
    // Nor is the client of a unit that has ended.
    let stale: Parameters<typeof emit>[0] | undefined;
    await unitOfWork(ctx.prisma, async (tx) => {
      stale = tx;
    });
    expect(() => emit(stale!, { type: 'queues' })).toThrow(/already ended/);
    expect(got).toEqual([]);
  });

  it('an agent going OFFLINE: one agent event, then one conversation event per moved conversation in one publish', async () => {
    const [ana, ben] = [await makeUser(ctx.prisma, 'AGENT'), await makeUser(ctx.prisma, 'AGENT')];
    await online(ana.id);
    await online(ben.id);
    const inbox = await makeInbox(ctx.prisma, { collaborators: [ana.id, ben.id] });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await makeConversation(ctx.prisma, { inboxId: inbox.id, agentId: ana.id, status: 'OPEN' })).id);

    const r = await setAvailability(ctx.prisma, ana.id, 'OFFLINE', 'went offline');
    expect(r).toEqual({ moved: 4, unassigned: 0 });
    expect(got.filter((e) => e.type === 'agent')).toEqual([{ type: 'agent', id: ana.id, availability: 'OFFLINE' }]);
    const moved = got.filter((e): e is ConversationEvent => e.type === 'conversation');
    expect(moved.map((e) => e.id).sort()).toEqual([...ids].sort());
    for (const e of moved) {
      expect(e).toMatchObject({ changes: ['assignee'], agentId: ben.id, before: { agentId: ana.id, queueId: null }, actor: { kind: 'system', id: null } });
    }
    // The presence change alone, then the whole inbox's reassignment as one batch.
    expect(publish.mock.calls.map(([events]) => events.length)).toEqual([1, 4]);
    expect(got).toHaveLength(5);
  });

  it('messages, tags and routing name their change; routing tells the queue it came from', async () => {
    const queue = await makeQueue(ctx.prisma);
    const c = await makeConversation(ctx.prisma, { queueId: queue.id });
    await addMessage(ctx.prisma, sup, { conversationId: c.id, direction: 'OUTBOUND', contentType: 'TEXT', content: { text: 'hi' } });
    expect(about(c.id).map((e) => e.changes)).toEqual([['message']]);
    expect(about(c.id)[0].actor).toEqual({ kind: 'user', id: sup.id });

    got = [];
    await addConversationTag(ctx.prisma, sup, { conversationId: c.id, tagName: 'billing' });
    await removeConversationTag(ctx.prisma, sup, { conversationId: c.id, tagName: 'billing' });
    expect(about(c.id).map((e) => e.changes)).toEqual([['tags'], ['tags']]);

    got = [];
    // No route matches and this file makes no default queue: routing takes it out of its queue.
    await routeConversation(ctx.prisma, sup, { conversationId: c.id });
    const [routed] = about(c.id);
    expect(routed.changes).toContain('routed');
    expect(routed).toMatchObject({ queueId: null, before: { queueId: queue.id, agentId: null } });
  });

  it('saving the route list publishes its version and who saved it', async () => {
    const queue = await makeQueue(ctx.prisma);
    const saved = await saveRouteList(ctx.prisma, sup, { routes: [{ name: 'never', enabled: true, expression: { $eq: { 'customer.tier': uid('tier') } }, queueId: queue.id }], baseVersion: null });
    expect(got).toEqual([{ type: 'routes', version: saved.version, savedBy: { kind: 'user', id: sup.id, name: sup.name } }]);
  });

  it('queue membership and inbox collaboration tell the user their scope changed', async () => {
    const agent = await makeUser(ctx.prisma, 'AGENT');
    const queue = await makeQueue(ctx.prisma);
    const inbox = await makeInbox(ctx.prisma);
    const scope = { type: 'scope', userIds: [agent.id] };

    await addQueueMember(ctx.prisma, sup, { agentId: agent.id, queueId: queue.id });
    expect(got).toEqual([{ type: 'queues' }, scope]);
    got = [];
    await removeQueueMember(ctx.prisma, sup, { agentId: agent.id, queueId: queue.id });
    expect(got).toEqual([{ type: 'queues' }, scope]);
    got = [];
    await addCollaborator(ctx.prisma, admin, { inboxId: inbox.id, userId: agent.id });
    expect(got).toEqual([{ type: 'inboxes' }, scope]);
    got = [];
    await removeCollaborator(ctx.prisma, admin, { inboxId: inbox.id, userId: agent.id });
    expect(got).toEqual([{ type: 'inboxes' }, scope]);
  });

  it('disabling a user publishes users and scope for them (and their presence when it changes)', async () => {
    const agent = await makeUser(ctx.prisma, 'AGENT');
    await online(agent.id);
    await setUserEnabled(ctx.prisma, admin, { userId: agent.id, enabled: false });
    expect(got).toEqual([
      { type: 'users', id: agent.id },
      { type: 'scope', userIds: [agent.id] },
      { type: 'agent', id: agent.id, availability: 'OFFLINE' },
    ]);
  });

  it('the system actor is published without an id', async () => {
    const c = await createConversation(ctx.prisma, systemActor('import'), { topic: 'sys' });
    expect(about(c.id)[0].actor).toEqual({ kind: 'system', id: null });
  });

  it('deleting a queue tells its conversations (timeline and event) and its members (scope)', async () => {
    const member = await makeUser(ctx.prisma);
    const q = await makeQueue(ctx.prisma, [member.id]);
    const c = await makeConversation(ctx.prisma, { queueId: q.id });
    await deleteQueue(ctx.prisma, sup, { queueId: q.id });
    const [e] = about(c.id);
    expect(e).toMatchObject({ changes: ['queue'], queueId: null, before: { queueId: q.id } });
    expect(got).toContainEqual({ type: 'scope', userIds: [member.id] });
    const [entry] = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: c.id, kind: 'QUEUE_CHANGED' } });
    expect(entry.reason).toBe(`queue ${q.name} was deleted`);
  });

  it('reading a conversation tells only that user their unread count changed', async () => {
    const c = await makeConversation(ctx.prisma);
    await markConversationRead(ctx.prisma, sup, { conversationId: c.id });
    expect(got).toEqual([{ type: 'unread', userId: sup.id }]);
  });
});

