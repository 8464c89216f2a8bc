import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import { makeConversation, makeInbox, makeQueue, makeUser, uid } from '../test/fixtures';
import type { Role } from '../generated/prisma/enums';
import { createConversation } from '../domain/conversations/create';
import { updateConversation } from '../domain/conversations/update';
import { addMessage } from '../domain/conversations/messages';
import { addConversationTag } from '../domain/conversations/tags';
import { assignConversation } from '../domain/assignment/manual';
import { routeConversation } from '../domain/routing/route-conversation';
import { addCollaborator } from '../domain/inboxes';
import { removeQueueMember } from '../domain/queue-admin';
import { setUserEnabled } from '../domain/users';
import { MemoryBus, setBus, type EventBus } from './bus';
import type { BusEvent, ConversationEvent, WireEvent } from './events';
import type { Scope } from '../access/visibility';
import { eventFor, openEventStream } from './stream';

/** Reads an SSE stream in the background: its raw text, its parsed `data:` events, and a wait. */
function readSse(stream: ReadableStream<Uint8Array>) {
  let text = '';
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  const closed = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += decoder.decode(value, { stream: true });
    }
  })();
  const events = () => [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]) as WireEvent);
  async function until(ok: (events: WireEvent[]) => boolean, ms = 15_000): Promise<void> {
    for (const end = Date.now() + ms; !ok(events()); await new Promise((r) => setTimeout(r, 10))) {
      if (Date.now() > end) throw new Error(`timed out; the stream so far:\n${text}`);
    }
  }
  return { text: () => text, events, until, closed };
}

// SPEC §2 applied to events: a browser hears only of what a read would show it.
describe('eventFor', () => {
  const scope = (role: Role, inboxIds: string[] = [], queueIds: string[] = []): Scope => ({ userId: 'me', role, inboxIds: new Set(inboxIds), queueIds: new Set(queueIds) });
  const conv = (now: Partial<ConversationEvent>, before: ConversationEvent['before'] = { queueId: null, agentId: null }): ConversationEvent => ({
    type: 'conversation',
    id: 'c1',
    changes: ['status'],
    status: 'OPEN',
    inboxId: null,
    queueId: null,
    agentId: null,
    topic: 'secret topic',
    before,
    actor: { kind: 'system', id: null },
    ...now,
  });
  const agent = scope('AGENT', ['i1'], ['q1']);

  it('an agent hears of conversations in their inbox, their queue or assigned to them, and of no others', () => {
    for (const e of [conv({ inboxId: 'i1' }), conv({ inboxId: 'i9', queueId: 'q1' }), conv({ inboxId: 'i9', queueId: 'q9', agentId: 'me' }), conv({ agentId: 'me' })]) {
      expect(eventFor(agent, e)).toBe(e);
    }
    expect(eventFor(agent, conv({ inboxId: 'i9', queueId: 'q9', agentId: 'someone' }))).toBeNull();
    expect(eventFor(agent, conv({}))).toBeNull();
    expect(eventFor(scope('AGENT'), conv({ inboxId: 'i1', queueId: 'q1' }))).toBeNull();
  });

  it('supervisors and admins hear of every conversation', () => {
    const e = conv({ inboxId: 'i9', queueId: 'q9', agentId: 'someone' });
    expect(eventFor(scope('SUPERVISOR'), e)).toBe(e);
    expect(eventFor(scope('ADMIN'), e)).toBe(e);
  });

  it('a conversation that left the agent becomes conversation-gone with only its id', () => {
    // Reassigned away from them, and moved out of their queue.
    expect(eventFor(agent, conv({ inboxId: 'i9', agentId: 'other' }, { queueId: null, agentId: 'me' }))).toEqual({ type: 'conversation-gone', id: 'c1' });
    expect(eventFor(agent, conv({ inboxId: 'i9', queueId: 'q9' }, { queueId: 'q1', agentId: null }))).toEqual({ type: 'conversation-gone', id: 'c1' });
    // Never theirs: nothing at all. Still theirs through the inbox: the whole event.
    expect(eventFor(agent, conv({ inboxId: 'i9', queueId: 'q9' }, { queueId: 'q8', agentId: 'x' }))).toBeNull();
    const stays = conv({ inboxId: 'i1', agentId: 'other' }, { queueId: null, agentId: 'me' });
    expect(eventFor(agent, stays)).toBe(stays);
  });

  it('agent presence and resync go to everyone', () => {
    for (const role of ['AGENT', 'SUPERVISOR', 'ADMIN'] as const) {
      const a: BusEvent = { type: 'agent', id: 'x', availability: 'ONLINE' };
      expect(eventFor(scope(role), a)).toBe(a);
      expect(eventFor(scope(role), { type: 'resync' })).toEqual({ type: 'resync' });
    }
  });

  it('routes and queues go to supervisors and admins; inboxes to admins only', () => {
    const routes: BusEvent = { type: 'routes', version: 3, savedBy: { kind: 'user', id: 'u', name: 'U' } };
    const expected: Record<Role, [boolean, boolean]> = { AGENT: [false, false], SUPERVISOR: [true, false], ADMIN: [true, true] };
    for (const [role, [queues, inboxes]] of Object.entries(expected) as [Role, [boolean, boolean]][]) {
      expect(eventFor(scope(role), routes)).toEqual(queues ? routes : null);
      expect(eventFor(scope(role), { type: 'queues' })).toEqual(queues ? { type: 'queues' } : null);
      expect(eventFor(scope(role), { type: 'inboxes' })).toEqual(inboxes ? { type: 'inboxes' } : null);
    }
  });

  it('users go to admins, and to the user themselves', () => {
    expect(eventFor(scope('ADMIN'), { type: 'users', id: 'x' })).toEqual({ type: 'users', id: 'x' });
    expect(eventFor(scope('SUPERVISOR'), { type: 'users', id: 'x' })).toBeNull();
    expect(eventFor(scope('AGENT'), { type: 'users', id: 'x' })).toBeNull();
    expect(eventFor(scope('AGENT'), { type: 'users', id: 'me' })).toEqual({ type: 'users', id: 'me' });
  });

  it('unread goes only to the user it names', () => {
    expect(eventFor(agent, { type: 'unread', userId: 'me' })).toEqual({ type: 'unread', userId: 'me' });
    expect(eventFor(scope('ADMIN'), { type: 'unread', userId: 'someone' })).toBeNull();
  });

  it('scope goes only to the users it lists, without the list', () => {
    expect(eventFor(scope('AGENT'), { type: 'scope', userIds: ['a', 'me'] })).toEqual({ type: 'scope' });
    expect(eventFor(scope('ADMIN'), { type: 'scope', userIds: ['a', 'b'] })).toBeNull();
  });
});

/** A MemoryBus that counts live subscriptions, so a test can see a closed stream let go. */
class CountingBus extends MemoryBus {
  active = 0;
  override subscribe(listener: (event: BusEvent) => void): () => void {
    const off = super.subscribe(listener);
    this.active++;
    let done = false;
    return () => {
      if (!done) this.active--;
      done = true;
      off();
    };
  }
}

describeEachEngine('event stream', (ctx) => {
  let mem: CountingBus;
  let previous: EventBus | undefined;
  const aborts: AbortController[] = [];

  beforeEach(() => {
    mem = new CountingBus();
    previous = setBus(mem);
  });
  afterEach(async () => {
    for (const a of aborts.splice(0)) a.abort();
    setBus(previous);
    await mem.close();
  });

  function open(userId: string, heartbeatMs?: number, sessionVersion?: number) {
    const abort = new AbortController();
    aborts.push(abort);
    return { abort, sse: readSse(openEventStream({ db: ctx.prisma, bus: mem, userId, signal: abort.signal, heartbeatMs, sessionVersion })) };
  }
  const hasConversation = (id: string) => (es: WireEvent[]) => es.some((e) => e.type === 'conversation' && e.id === id);

  /** An agent on inbox `mine`; inbox `theirs` and queue `q` belong to someone else, who takes what lands there. */
  async function world() {
    const p = ctx.prisma;
    const [agent, other, sup, admin] = [await makeUser(p, 'AGENT'), await makeUser(p, 'AGENT'), await makeUser(p, 'SUPERVISOR'), await makeUser(p, 'ADMIN')];
    await p.user.update({ where: { id: other.id }, data: { availability: 'ONLINE' } });
    const mine = await makeInbox(p, { collaborators: [agent.id] });
    const theirs = await makeInbox(p, { collaborators: [other.id] });
    const q = await makeQueue(p, [other.id]);
    return { agent, other, sup, admin, mine, theirs, q };
  }

  it("an agent's stream carries nothing about conversations they may not see", async () => {
    const { agent, other, sup, mine, theirs, q } = await world();
    const { sse } = open(agent.id);
    await sse.until((es) => es.some((e) => e.type === 'hello'));
    expect(sse.text().startsWith('retry: 2000\n\ndata: {"type":"hello"')).toBe(true);

    const hidden = [uid('secret'), uid('secret')];
    const a = await createConversation(ctx.prisma, sup, { inboxId: theirs.id, queueId: q.id, topic: hidden[0] });
    expect(a.agentId).toBe(other.id);
    const b = await createConversation(ctx.prisma, sup, { inboxId: theirs.id, topic: hidden[1] });
    await updateConversation(ctx.prisma, sup, { conversationId: a.id, mode: 'patch', changes: { priority: 'HIGH', topic: uid('secret') } });
    await addConversationTag(ctx.prisma, sup, { conversationId: a.id, tagName: 'hidden' });
    await addMessage(ctx.prisma, sup, { conversationId: b.id, direction: 'OUTBOUND', contentType: 'TEXT', content: { text: 'psst' } });
    await assignConversation(ctx.prisma, sup, { conversationId: b.id, agentId: null });
    await routeConversation(ctx.prisma, sup, { conversationId: b.id });
    const seen = await createConversation(ctx.prisma, sup, { inboxId: mine.id, topic: 'visible' });

    // The visible one was published last: by the time it is read, the others were judged and dropped.
    await sse.until(hasConversation(seen.id));
    const text = sse.text();
    expect(text).toContain(seen.id);
    for (const secret of [a.id, b.id, theirs.id, q.id, other.id, ...hidden, 'psst']) expect(text).not.toContain(secret);
    expect(sse.events().filter((e) => e.type.startsWith('conversation'))).toHaveLength(1);
  });

  it('a conversation reassigned away from the agent arrives as conversation-gone with only its id', async () => {
    const { agent, other, sup, theirs } = await world();
    const topic = uid('secret');
    const c = await makeConversation(ctx.prisma, { inboxId: theirs.id, agentId: agent.id, topic });
    const { sse } = open(agent.id);
    await sse.until((es) => es.some((e) => e.type === 'hello'));
    await assignConversation(ctx.prisma, sup, { conversationId: c.id, agentId: other.id });
    await sse.until((es) => es.some((e) => e.type === 'conversation-gone'));
    expect(sse.events().filter((e) => e.type !== 'hello' && e.type !== 'ping')).toEqual([{ type: 'conversation-gone', id: c.id }]);
    for (const secret of [topic, theirs.id, other.id]) expect(sse.text()).not.toContain(secret);
  });

  it('after the agent joins an inbox they get scope, then that inbox’s events', async () => {
    const { agent, sup, admin, theirs } = await world();
    // An unassigned OPEN one would go to the newcomer by the backlog drain (SPEC §4); a SOLVED one
    // stays put, so the only events are the ones this test makes.
    const before = await makeConversation(ctx.prisma, { inboxId: theirs.id, status: 'SOLVED' });
    const { sse } = open(agent.id);
    await sse.until((es) => es.some((e) => e.type === 'hello'));
    await updateConversation(ctx.prisma, sup, { conversationId: before.id, mode: 'patch', changes: { priority: 'HIGH' } });
    await addCollaborator(ctx.prisma, admin, { inboxId: theirs.id, userId: agent.id });
    await updateConversation(ctx.prisma, sup, { conversationId: before.id, mode: 'patch', changes: { priority: 'URGENT' } });
    await sse.until(hasConversation(before.id));
    // One scope (the inboxes event is for admins), then only the change made after joining.
    const events = sse.events().filter((e) => e.type !== 'hello' && e.type !== 'ping');
    expect(events.map((e) => e.type)).toEqual(['scope', 'conversation']);
    expect(events[0]).toEqual({ type: 'scope' });
    expect(events[1]).toMatchObject({ id: before.id, changes: ['priority'], inboxId: theirs.id });
  });

  it('disabling the user sends signed-out, ends the stream and lets go of the bus', async () => {
    const { agent, admin } = await world();
    const { sse } = open(agent.id);
    await sse.until((es) => es.some((e) => e.type === 'hello'));
    expect(mem.active).toBe(1);
    await setUserEnabled(ctx.prisma, admin, { userId: agent.id, enabled: false });
    await sse.closed;
    expect(sse.events().at(-1)).toEqual({ type: 'signed-out' });
    expect(mem.active).toBe(0);
  });

  it('a password reset or change since the session signed in closes the stream at the next check; the reconnect checks the cookie', async () => {
    const { agent } = await world();
    const { sse } = open(agent.id, 50, 0);
    await sse.until((es) => es.some((e) => e.type === 'ping'));
    await ctx.prisma.user.update({ where: { id: agent.id }, data: { sessionVersion: { increment: 1 } } });
    await sse.closed;
    expect(sse.events().some((e) => e.type === 'signed-out')).toBe(false);
    expect(mem.active).toBe(0);
  });

  it('a disabled user gets signed-out at once and never subscribes', async () => {
    const gone = await makeUser(ctx.prisma, 'AGENT', { enabled: false });
    const { sse } = open(gone.id);
    await sse.closed;
    expect(sse.events()).toEqual([{ type: 'signed-out' }]);
    expect(mem.active).toBe(0);
  });

  it('aborting closes the stream and unsubscribes; a later publish is harmless', async () => {
    const { agent } = await world();
    const { abort, sse } = open(agent.id);
    await sse.until((es) => es.some((e) => e.type === 'hello'));
    abort.abort();
    await sse.closed;
    expect(mem.active).toBe(0);
    const length = sse.text().length;
    await mem.publish([{ type: 'agent', id: agent.id, availability: 'ONLINE' }]);
    expect(sse.text()).toHaveLength(length);
  });

  it('a client gone before the stream is listening leaves no subscription behind', async () => {
    const { agent } = await world();
    // No heartbeat timer may start either: one left running would tick for ever.
    const timers = vi.spyOn(globalThis, 'setInterval');
    // Aborted while the scope is read; already aborted; aborted while the bus gets ready.
    const early = open(agent.id, 20);
    early.abort.abort();
    const before = readSse(openEventStream({ db: ctx.prisma, bus: mem, userId: agent.id, signal: AbortSignal.abort(), heartbeatMs: 20 }));
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slow = Object.assign(mem, { ready: () => gate });
    const abort = new AbortController();
    const waiting = readSse(openEventStream({ db: ctx.prisma, bus: slow, userId: agent.id, signal: abort.signal, heartbeatMs: 20 }));
    // Abort once it has subscribed and waits for the bus (or after 5 s, still while it waits).
    for (const end = Date.now() + 5_000; mem.active === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
    abort.abort();
    release();
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('a stream was left open')), 5_000));
    await Promise.race([Promise.all([early.sse.closed, before.closed, waiting.closed]), late]);
    await new Promise((r) => setTimeout(r, 100));
    expect(mem.active).toBe(0);
    for (const s of [early.sse, before, waiting]) expect(s.text()).toBe('');
    expect(timers).not.toHaveBeenCalled();
    timers.mockRestore();
  });

  it('pings every heartbeatMs', async () => {
    const { agent } = await world();
    const { sse } = open(agent.id, 50);
    await sse.until((es) => es.filter((e) => e.type === 'ping').length >= 3);
    expect(sse.text()).toMatch(/data: \{"type":"ping","at":"\d{4}-/);
  });
  // Notifications are best effort: a lost `scope` event must not keep a removed member hearing of a queue.
  it('a membership removed without any event stops reaching the stream at the next ping, and at a resync', async () => {
    const { agent, sup, q } = await world();
    await ctx.prisma.queueMember.create({ data: { queueId: q.id, userId: agent.id } });
    const viaPing = open(agent.id, 100);
    const viaResync = open(agent.id, 60_000);
    await viaPing.sse.until((es) => es.some((e) => e.type === 'hello'));
    await viaResync.sse.until((es) => es.some((e) => e.type === 'hello'));
    const before = await createConversation(ctx.prisma, sup, { queueId: q.id, topic: 'still a member' });
    await viaPing.sse.until(hasConversation(before.id));
    await viaResync.sse.until(hasConversation(before.id));

    await ctx.prisma.queueMember.deleteMany({ where: { queueId: q.id, userId: agent.id } }); // no event published
    const pings = viaPing.sse.events().filter((e) => e.type === 'ping').length;
    await viaPing.sse.until((es) => es.filter((e) => e.type === 'ping').length >= pings + 1);
    await mem.publish([{ type: 'resync' }]);
    await viaResync.sse.until((es) => es.some((e) => e.type === 'resync'));
    const after = await createConversation(ctx.prisma, sup, { queueId: q.id, topic: 'no longer a member' });
    const marker = await createConversation(ctx.prisma, sup, { agentId: agent.id, topic: 'marker' });
    await viaPing.sse.until(hasConversation(marker.id));
    await viaResync.sse.until(hasConversation(marker.id));
    for (const { sse } of [viaPing, viaResync]) {
      expect(sse.text()).not.toContain(after.id);
      expect(sse.text()).not.toContain('no longer a member');
    }
  });

  it('a removal committed while the scope is first read still applies: its event waits behind the read', async () => {
    const { agent, sup, q } = await world();
    await ctx.prisma.queueMember.create({ data: { queueId: q.id, userId: agent.id } });
    // The first read sees the agent still a member, but answers only after they have been removed.
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let reads = 0;
    const slowDb = new Proxy(ctx.prisma, {
      get(target, prop, receiver) {
        if (prop !== 'user') return Reflect.get(target, prop, receiver);
        return {
          findUnique: async (args: Parameters<typeof target.user.findUnique>[0]) => {
            const row = await target.user.findUnique(args);
            if (++reads === 1) await gate;
            return row;
          },
        };
      },
    });
    const abort = new AbortController();
    aborts.push(abort);
    const sse = readSse(openEventStream({ db: slowDb, bus: mem, userId: agent.id, signal: abort.signal }));
    for (const end = Date.now() + 5_000; reads === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
    await removeQueueMember(ctx.prisma, sup, { agentId: agent.id, queueId: q.id }); // publishes `scope` for the agent
    release();
    const secret = await createConversation(ctx.prisma, sup, { queueId: q.id, topic: 'left before the read answered' });
    const marker = await createConversation(ctx.prisma, sup, { agentId: agent.id, topic: 'marker' });
    await sse.until(hasConversation(marker.id));
    expect(sse.text()).not.toContain(secret.id);
  });

  it('fails closed: a scope that cannot be read ends the stream', async () => {
    const { agent } = await world();
    let calls = 0;
    // The scope is one raw statement (loadScope, lib/access/visibility.ts): every one after the first fails.
    const flaky = new Proxy(ctx.prisma, {
      get(target, prop, receiver) {
        if (prop !== '$queryRaw') return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<typeof target.$queryRaw>) => {
          if (++calls > 1) throw new Error('database unreachable');
          return target.$queryRaw(...args);
        };
      },
    });
    const abort = new AbortController();
    aborts.push(abort);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const sse = readSse(openEventStream({ db: flaky, bus: mem, userId: agent.id, signal: abort.signal, heartbeatMs: 50 }));
    await sse.closed;
    expect(sse.events().map((e) => e.type)).toEqual(['hello']);
    expect(mem.active).toBe(0);
    errors.mockRestore();
  });

  it('drops a client that stops reading instead of queueing without end', async () => {
    const { agent } = await world();
    const stream = openEventStream({ db: ctx.prisma, bus: mem, userId: agent.id, maxQueued: 5, heartbeatMs: 60_000 });
    const reader = stream.getReader();
    await reader.read(); // retry: and hello are queued; read one, then stop reading
    for (const end = Date.now() + 5_000; mem.active === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 20; i++) await mem.publish([{ type: 'agent', id: agent.id, availability: 'ONLINE' }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(mem.active).toBe(0);
    await reader.cancel();
  });
});


describe('mention events', () => {
  const scope = (userId: string, role: Role = 'AGENT'): Scope => ({ userId, role, inboxIds: new Set(), queueIds: new Set() });
  const mention: BusEvent = { type: 'mention', userId: 'ben', conversationId: 'c1', noteId: 'n1', byName: 'Ana Alvarez' };

  it('reach only the mentioned user, whatever the others’ roles', () => {
    expect(eventFor(scope('ben'), mention)).toEqual(mention);
    expect(eventFor(scope('ana'), mention)).toBeNull();
    expect(eventFor(scope('root', 'ADMIN'), mention)).toBeNull();
  });
});
