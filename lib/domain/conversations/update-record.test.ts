import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../../generated/prisma/client';
import { describeEachEngine } from '../../test/db';
import { callApi, makeTestKeys, type TestKeys } from '../../test/api';
import { counts, expectDomainError, makeConversation, makeInbox, makeQueue, makeUser, uid, type UserActor } from '../../test/fixtures';
import { systemActor } from '../../access/actor';
import type { UpdateConversationInput } from '../../validation/conversations';
import { apiConversation } from '../../http/mappers';
import { MemoryBus, setBus, type EventBus } from '../../realtime/bus';
import type { BusEvent } from '../../realtime/events';
import { getConversation } from './get';
import { updateConversationRecord } from './update';

// The route handlers call `db()` (lib/http/handler.ts); here it is the suite's test database.
const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

// The raw update path (update.ts, update-sql.ts): what it costs, and that its answer and its event
// are what a read and the outbox would have given.
describeEachEngine('updateConversationRecord', (ctx) => {
  let sup: UserActor;
  let member: UserActor;
  let queueA: { id: string };
  let queueB: { id: string };
  let keys: TestKeys;
  let mem: MemoryBus;
  let previous: EventBus | undefined;
  let heard: BusEvent[];
  const past = new Date('2025-01-01T00:00:00.123Z');

  beforeAll(async () => {
    state.prisma = ctx.prisma;
    keys = await makeTestKeys(ctx.prisma as PrismaClient);
    [sup, member] = await Promise.all([makeUser(ctx.prisma, 'SUPERVISOR'), makeUser(ctx.prisma, 'AGENT')]);
    [queueA, queueB] = await Promise.all([makeQueue(ctx.prisma), makeQueue(ctx.prisma, [member.id])]);
  });
  beforeEach(() => {
    mem = new MemoryBus();
    previous = setBus(mem);
    heard = [];
    mem.subscribe((e) => heard.push(e));
  });
  afterEach(async () => {
    setBus(previous);
    await mem.close();
  });

  /** A conversation with tags (added in this order) and every timestamp in the past. */
  async function tagged() {
    const inbox = await makeInbox(ctx.prisma);
    const c = await makeConversation(ctx.prisma, { inboxId: inbox.id, queueId: queueA.id, queuedAt: past, createdAt: past, updatedAt: past });
    for (const [i, name] of [uid('zeta'), uid('alpha')].entries()) {
      const tag = await ctx.prisma.tag.create({ data: { name } });
      await ctx.prisma.conversationTag.create({ data: { conversationId: c.id, tagId: tag.id, createdAt: new Date(past.getTime() + i) } });
    }
    return c;
  }
  const read = async (id: string) => apiConversation(await getConversation(ctx.prisma, sup, { conversationId: id }));
  const patchApi = (conversationId: string, body: unknown) =>
    callApi({ method: 'patch', template: '/ccaas/1/conversations/{conversationId}', params: { conversationId }, headers: { authorization: keys.admin }, body });

  it('a close costs two statements, both inside its transaction, and nothing after', async () => {
    const c = await tagged();
    const before = ctx.queryCount();
    await updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { status: 'CLOSED' } });
    expect(ctx.queryCount() - before).toBe(2);
  });

  it('a PATCH close over HTTP costs three: the key, the lock, the write', async () => {
    const c = await tagged();
    const before = ctx.queryCount();
    const res = await patchApi(c.id, { status: 'CLOSED' });
    expect(ctx.queryCount() - before).toBe(3);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(await read(c.id));
  });

  it('changing queue and assignee together also costs two; a change of nothing costs one', async () => {
    const c = await tagged();
    const before = ctx.queryCount();
    await updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { queueId: queueB.id, agentId: member.id } });
    expect(ctx.queryCount() - before).toBe(2);
    const mid = ctx.queryCount();
    await updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { queueId: queueB.id } });
    expect(ctx.queryCount() - mid).toBe(1);
  });

  it('answers with what a read returns afterwards: fields, tags in order, timestamps', async () => {
    const bodies: [UpdateConversationInput, 'put' | 'patch'][] = [
      [{ priority: 'HIGH', topic: 'Changed' }, 'patch'],
      [{ queueId: queueB.id, agentId: member.id }, 'patch'],
      [{}, 'patch'],
      [{ summary: 'Replaced' }, 'put'],
      [{ status: 'CLOSED' }, 'patch'],
    ];
    const c = await tagged();
    for (const [body, mode] of bodies) {
      const answer = apiConversation(await updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode, changes: body }));
      expect(answer, JSON.stringify(body)).toEqual(await read(c.id));
    }
    expect((await read(c.id)).tags).toHaveLength(2);
    expect((await read(c.id)).tags![0]).toMatch(/^zeta-/);
  });

  it('a change of nothing answers with the stored timestamps and publishes nothing', async () => {
    const c = await tagged();
    const res = await updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { queueId: queueA.id } });
    expect(res).toMatchObject({ createdAt: past, updatedAt: past, queuedAt: past, assignedAt: null, closedAt: null });
    expect(heard).toEqual([]);
  });

  it('publishes the event the outbox would have: changes in timeline order, queue and assignee from before', async () => {
    const c = await tagged();
    await updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { topic: 'New', agentId: member.id, queueId: queueB.id, status: 'WAITING' } });
    expect(heard).toEqual([
      {
        type: 'conversation',
        id: c.id,
        changes: ['status', 'queue', 'assignee', 'properties'],
        status: 'WAITING',
        inboxId: c.inboxId,
        queueId: queueB.id,
        agentId: member.id,
        topic: 'New',
        before: { queueId: queueA.id, agentId: null },
        actor: { kind: 'user', id: sup.id },
      },
    ]);
  });

  it('writes the timeline rows in the order of the changes, with the system actor’s reason', async () => {
    const c = await tagged();
    await updateConversationRecord(ctx.prisma, systemActor('nightly cleanup'), { conversationId: c.id, mode: 'patch', changes: { topic: 'x', agentId: member.id, queueId: queueB.id, priority: 'LOW', status: 'SOLVED' } });
    const rows = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: c.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(rows.map((e) => e.kind)).toEqual(['STATUS_CHANGED', 'PRIORITY_CHANGED', 'QUEUE_CHANGED', 'ASSIGNEE_CHANGED', 'PROPERTIES_CHANGED']);
    for (const e of rows) expect(e).toMatchObject({ actorKind: 'SYSTEM', actorName: 'System', actorUserId: null, actorApiKeyId: null, reason: 'nightly cleanup' });
    expect(new Set(rows.map((e) => e.createdAt.getTime())).size).toBe(1);
  });

  it('judges the assignee against the queue the same update gives', async () => {
    // member belongs to queueB only: eligible once the conversation moves there, not while it stays in queueA.
    const c = await tagged();
    await expectDomainError(updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { agentId: member.id } }), 'BAD_REQUEST', ['agentId']);
    await expectDomainError(updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { queueId: null, agentId: member.id } }), 'BAD_REQUEST', ['agentId']);
    expect(await updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { queueId: queueB.id, agentId: member.id } })).toMatchObject({ queueId: queueB.id, agentId: member.id });
  });

  it('admins are always eligible; a disabled agent is refused by name, and nothing is written', async () => {
    const c = await tagged();
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    expect((await updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { agentId: admin.id } })).agentId).toBe(admin.id);
    const disabled = await makeUser(ctx.prisma, 'AGENT', { enabled: false });
    await ctx.prisma.queueMember.create({ data: { queueId: queueA.id, userId: disabled.id } });
    const before = await counts(ctx.prisma);
    const e = await expectDomainError(updateConversationRecord(ctx.prisma, sup, { conversationId: c.id, mode: 'patch', changes: { agentId: disabled.id } }), 'BAD_REQUEST', ['agentId']);
    expect(e.message).toBe(`${disabled.name} is disabled.`);
    expect(await counts(ctx.prisma)).toEqual(before);
    expect(heard.filter((x) => x.type === 'conversation')).toHaveLength(1);
  });
});
