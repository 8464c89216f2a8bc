import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { expectDomainError, makeApiKeyActor, makeConversation, makeInbox, makeUser, type UserActor } from '../test/fixtures';
import { invoke } from '../operations/operation';
import { signalViewerOp } from '../operations/viewers';
import { loadScope } from '../access/visibility';
import { MemoryBus, setBus, type EventBus } from '../realtime/bus';
import type { BusEvent } from '../realtime/events';
import { eventFor } from '../realtime/stream';

describeEachEngine('conversation viewers (collision warning)', (ctx) => {
  let ana: UserActor;
  let ben: UserActor;
  let outsider: UserActor;
  let conversationId: string;
  let previous: EventBus | undefined;
  const published: BusEvent[] = [];

  beforeAll(async () => {
    [ana, ben, outsider] = await Promise.all([makeUser(ctx.prisma), makeUser(ctx.prisma), makeUser(ctx.prisma)]);
    const inbox = await makeInbox(ctx.prisma, { collaborators: [ana.id, ben.id] });
    conversationId = (await makeConversation(ctx.prisma, { inboxId: inbox.id })).id;
    const mem = new MemoryBus();
    previous = setBus(mem);
    mem.subscribe((e) => void published.push(e));
  });
  afterAll(() => void setBus(previous));

  const signal = (actor: Parameters<typeof invoke>[1]['actor'], input: Record<string, unknown>) => invoke(signalViewerOp, { db: ctx.prisma, actor }, input);

  it('passes the signal over the bus to those who may see the conversation, not to the sender or anyone else', async () => {
    published.length = 0;
    await signal(ben, { conversationId, state: 'typing' });
    const e = published.find((p) => p.type === 'viewer');
    expect(e).toMatchObject({ type: 'viewer', conversationId, userId: ben.id, name: ben.name, state: 'typing', announce: false });
    const [anaScope, benScope, outsiderScope] = await Promise.all([ana, ben, outsider].map((u) => loadScope(ctx.prisma, u.id)));
    expect(eventFor(anaScope!, e!)).toMatchObject({ state: 'typing', name: ben.name });
    expect(eventFor(benScope!, e!)).toBeNull();
    expect(eventFor(outsiderScope!, e!)).toBeNull();
  });

  it('answers 404 to someone who may not see the conversation, and sends nothing', async () => {
    published.length = 0;
    await expectDomainError(signal(outsider, { conversationId, state: 'viewing', announce: true }), 'NOT_FOUND');
    await expectDomainError(signal(ana, { conversationId: 'no-such-conversation', state: 'viewing' }), 'NOT_FOUND');
    expect(published).toEqual([]);
  });

  it('refuses a bad state and an API key (a key views nothing)', async () => {
    await expectDomainError(signal(ana, { conversationId, state: 'shouting' }), 'BAD_REQUEST', ['state']);
    const key = await makeApiKeyActor(ctx.prisma, 'AGENT', ana.id);
    await expectDomainError(signal(key, { conversationId, state: 'viewing' }), 'FORBIDDEN');
  });
});
