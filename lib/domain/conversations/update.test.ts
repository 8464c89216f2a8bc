import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { counts, patient, expectDomainError, makeApiKeyActor, makeConversation, makeInbox, makeQueue, makeUser, type UserActor } from '../../test/fixtures';
import type { Actor } from '../../access/actor';
import type { UpdateConversationInput } from '../../validation/conversations';
import { invoke } from '../../operations/operation';
import { patchConversationOp } from '../../operations/conversations';
import { DomainError } from '../errors';
import { updateConversation } from './update';

describeEachEngine('updateConversation', (ctx) => {
  let sup: UserActor;
  let agent: UserActor;
  let otherAgent: UserActor;
  let queueA: { id: string };
  let queueB: { id: string };

  beforeAll(async () => {
    [sup, agent, otherAgent] = await Promise.all([makeUser(ctx.prisma, 'SUPERVISOR'), makeUser(ctx.prisma, 'AGENT'), makeUser(ctx.prisma, 'AGENT')]);
    // otherAgent is a member of queueA, so may be assigned its conversations (SPEC §4).
    [queueA, queueB] = await Promise.all([makeQueue(ctx.prisma, [otherAgent.id]), makeQueue(ctx.prisma)]);
  });

  const patch = (id: string, changes: UpdateConversationInput, actor: Actor = sup) => updateConversation(ctx.prisma, actor, { conversationId: id, mode: 'patch', changes });
  const put = (id: string, changes: UpdateConversationInput, actor: Actor = sup) => updateConversation(ctx.prisma, actor, { conversationId: id, mode: 'put', changes });
  /** A raw PATCH body through the operation, which parses it (field refusals) before the domain checks references. */
  const patchRaw = (id: string, body: Record<string, unknown>) => invoke(patchConversationOp, { db: ctx.prisma, actor: sup }, { conversationId: id, ...body });
  const events = (conversationId: string) => ctx.prisma.timelineEvent.findMany({ where: { conversationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const row = (id: string) => ctx.prisma.conversation.findUniqueOrThrow({ where: { id } });
  const past = new Date('2025-01-01T00:00:00Z');
  /** A conversation with every editable field set, last updated in the past. */
  const full = () =>
    makeConversation(ctx.prisma, {
      topic: 'Old topic',
      summary: 'Old summary',
      status: 'WAITING',
      priority: 'HIGH',
      queueId: queueA.id,
      queuedAt: past,
      agentId: agent.id,
      assignedAt: past,
      updatedAt: past,
    });

  it('PATCH changes only the fields given', async () => {
    const c = await full();
    const res = await patch(c.id, { priority: 'LOW' });
    expect(res).toMatchObject({ topic: 'Old topic', summary: 'Old summary', status: 'WAITING', priority: 'LOW', queueId: queueA.id, agentId: agent.id, closedAt: null });
    expect(res.queuedAt).toEqual(past);
    expect(res.assignedAt).toEqual(past);
    expect(res.updatedAt.getTime()).toBeGreaterThan(past.getTime());
    const ev = await events(c.id);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ kind: 'PRIORITY_CHANGED', before: { priority: 'HIGH' }, after: { priority: 'LOW' }, actorKind: 'USER', actorUserId: sup.id, actorName: sup.name });
  });

  it('PUT resets the editable fields left out', async () => {
    const c = await full();
    const res = await put(c.id, { topic: 'New topic' });
    expect(res).toMatchObject({ topic: 'New topic', summary: null, status: 'OPEN', priority: 'NORMAL', queueId: null, agentId: null, queuedAt: null, assignedAt: null, closedAt: null });
    const ev = await events(c.id);
    expect(Object.fromEntries(ev.map((e) => [e.kind, { before: e.before, after: e.after }]))).toEqual({
      STATUS_CHANGED: { before: { status: 'WAITING' }, after: { status: 'OPEN' } },
      PRIORITY_CHANGED: { before: { priority: 'HIGH' }, after: { priority: 'NORMAL' } },
      QUEUE_CHANGED: { before: { queueId: queueA.id }, after: { queueId: null } },
      ASSIGNEE_CHANGED: { before: { agentId: agent.id }, after: { agentId: null } },
      PROPERTIES_CHANGED: { before: { topic: 'Old topic', summary: 'Old summary' }, after: { topic: 'New topic', summary: null } },
    });
  });

  it('PUT with every field given keeps them', async () => {
    const c = await full();
    await put(c.id, { topic: 'Old topic', summary: 'Old summary', status: 'WAITING', priority: 'HIGH', queueId: queueA.id, agentId: agent.id });
    expect(await row(c.id)).toMatchObject({ topic: 'Old topic', summary: 'Old summary', status: 'WAITING', priority: 'HIGH', queueId: queueA.id, agentId: agent.id, updatedAt: past });
    expect(await events(c.id)).toHaveLength(0);
  });

  describe('each change writes its timeline event, with before, after and actor', () => {
    it('status', async () => {
      const c = await full();
      await patch(c.id, { status: 'SOLVED' });
      const [e, ...rest] = await events(c.id);
      expect(rest).toHaveLength(0);
      expect(e).toMatchObject({ kind: 'STATUS_CHANGED', before: { status: 'WAITING' }, after: { status: 'SOLVED' }, actorKind: 'USER', actorUserId: sup.id });
      expect((await row(c.id)).closedAt).toBeNull();
    });

    it('queue, stamping queuedAt', async () => {
      const c = await full();
      const res = await patch(c.id, { queueId: queueB.id });
      expect(res.queueId).toBe(queueB.id);
      expect(res.queuedAt!.getTime()).toBeGreaterThan(past.getTime());
      const ev = await events(c.id);
      expect(ev.map((e) => [e.kind, e.before, e.after])).toEqual([['QUEUE_CHANGED', { queueId: queueA.id }, { queueId: queueB.id }]]);
    });

    it('assignee, stamping assignedAt; unassigning clears it', async () => {
      const c = await full();
      const res = await patch(c.id, { agentId: otherAgent.id });
      expect(res.agentId).toBe(otherAgent.id);
      expect(res.assignedAt!.getTime()).toBeGreaterThan(past.getTime());
      const cleared = await patch(c.id, { agentId: null });
      expect(cleared).toMatchObject({ agentId: null, assignedAt: null });
      const ev = await events(c.id);
      expect(ev.map((e) => [e.kind, e.before, e.after])).toEqual([
        ['ASSIGNEE_CHANGED', { agentId: agent.id }, { agentId: otherAgent.id }],
        ['ASSIGNEE_CHANGED', { agentId: otherAgent.id }, { agentId: null }],
      ]);
    });

    it('topic and summary, in one PROPERTIES_CHANGED naming only what changed', async () => {
      const c = await full();
      await patch(c.id, { topic: 'Old topic', summary: 'New summary' });
      const ev = await events(c.id);
      expect(ev.map((e) => [e.kind, e.before, e.after])).toEqual([['PROPERTIES_CHANGED', { summary: 'Old summary' }, { summary: 'New summary' }]]);
    });

    it('by an API key', async () => {
      const key = await makeApiKeyActor(ctx.prisma, 'SUPERVISOR');
      const c = await full();
      await patch(c.id, { priority: 'URGENT' }, key);
      const [e] = await events(c.id);
      expect(e).toMatchObject({ kind: 'PRIORITY_CHANGED', actorKind: 'API_KEY', actorApiKeyId: key.id, actorUserId: null, actorName: key.name });
    });
  });

  it('a patch that changes nothing writes nothing', async () => {
    const c = await full();
    const before = await counts(ctx.prisma);
    await patch(c.id, {});
    await patch(c.id, { topic: 'Old topic', status: 'WAITING', priority: 'HIGH', queueId: queueA.id, agentId: agent.id });
    expect(await counts(ctx.prisma)).toEqual(before);
    expect(await row(c.id)).toEqual(c);
  });

  it('setting CLOSED stamps closedAt', async () => {
    const c = await full();
    const t0 = Date.now();
    const res = await patch(c.id, { status: 'CLOSED' });
    expect(res.status).toBe('CLOSED');
    expect(res.closedAt!.getTime()).toBeGreaterThanOrEqual(t0 - 1000);
    expect(res.updatedAt).toEqual(res.closedAt);
  });

  describe('a CLOSED conversation cannot be changed', () => {
    const attempts: [string, 'put' | 'patch', UpdateConversationInput][] = [
      ['topic', 'patch', { topic: 'x' }],
      ['status', 'patch', { status: 'OPEN' }],
      ['priority', 'patch', { priority: 'URGENT' }],
      ['queue', 'patch', { queueId: 'QUEUE_B' }],
      ['assignee', 'patch', { agentId: null }],
      ['closing again', 'patch', { status: 'CLOSED' }],
      ['PUT', 'put', { status: 'CLOSED' }],
    ];
    for (const [what, mode, input] of attempts) {
      it(what, async () => {
        const c = await makeConversation(ctx.prisma, { status: 'CLOSED', closedAt: past, updatedAt: past, queueId: queueA.id, agentId: agent.id });
        const before = await counts(ctx.prisma);
        const body = input.queueId ? { ...input, queueId: queueB.id } : input;
        const err = await expectDomainError(updateConversation(ctx.prisma, sup, { conversationId: c.id, mode, changes: body }), 'BAD_REQUEST');
        expect(err.message).toBe('Closed conversation cannot be changed.');
        expect(await row(c.id)).toEqual(c);
        expect(await counts(ctx.prisma)).toEqual(before);
      });
    }
  });

  it('a close racing a patch: the patch lands before the close or not at all', async () => {
    const pairs = 20;
    const convs = await Promise.all(Array.from({ length: pairs }, () => full()));
    // Pairs one after another (each pair concurrent), so the pool is never the bottleneck.
    for (const [i, c] of convs.entries()) {
      const db = patient(ctx.prisma);
      const close = () => updateConversation(db, sup, { conversationId: c.id, mode: 'patch', changes: { status: 'CLOSED' } });
      const change = () => updateConversation(db, sup, { conversationId: c.id, mode: 'patch', changes: { priority: 'URGENT', topic: `raced ${i}` } });
      // Alternate which starts first so both orders are exercised.
      const [a, b] = i % 2 ? [close, change] : [change, close];
      const settled = await Promise.allSettled([a(), b()]);
      const [closeResult, changeResult] = i % 2 ? settled : [settled[1], settled[0]];
      expect(closeResult.status).toBe('fulfilled');
      const final = await row(c.id);
      expect(final.status).toBe('CLOSED');
      expect(final.closedAt).toBeInstanceOf(Date);
      const ev = await events(c.id);
      const closeEvents = ev.filter((e) => e.kind === 'STATUS_CHANGED');
      expect(closeEvents).toHaveLength(1);
      expect(closeEvents[0].after).toEqual({ status: 'CLOSED' });
      const closedEventAt = closeEvents[0].createdAt.getTime();
      // Nothing is recorded after the close, and no change is dated after closedAt.
      for (const e of ev) expect(e.createdAt.getTime()).toBeLessThanOrEqual(closedEventAt);
      for (const e of ev.filter((x) => x.kind !== 'STATUS_CHANGED')) expect(e.createdAt.getTime()).toBeLessThanOrEqual(final.closedAt!.getTime());
      expect(final.updatedAt).toEqual(final.closedAt);
      if (changeResult.status === 'fulfilled') {
        expect(final).toMatchObject({ priority: 'URGENT', topic: `raced ${i}` });
        expect(ev.map((e) => e.kind).sort()).toEqual(['PRIORITY_CHANGED', 'PROPERTIES_CHANGED', 'STATUS_CHANGED']);
      } else {
        const reason = changeResult.reason as DomainError;
        expect(reason).toBeInstanceOf(DomainError);
        expect(reason.code).toBe('BAD_REQUEST');
        expect(final).toMatchObject({ priority: 'HIGH', topic: 'Old topic' });
        expect(ev.map((e) => e.kind)).toEqual(['STATUS_CHANGED']);
      }
    }
  });

  describe('visibility', () => {
    it('an agent updating a conversation they may not see gets NOT_FOUND and nothing changes', async () => {
      const inbox = await makeInbox(ctx.prisma, { collaborators: [otherAgent.id] });
      const c = await makeConversation(ctx.prisma, { inboxId: inbox.id, agentId: otherAgent.id, queueId: queueA.id });
      const before = await counts(ctx.prisma);
      await expectDomainError(patch(c.id, { priority: 'URGENT' }, agent), 'NOT_FOUND');
      await expectDomainError(put(c.id, {}, agent), 'NOT_FOUND');
      expect(await row(c.id)).toEqual(c);
      expect(await counts(ctx.prisma)).toEqual(before);
    });

    it('a closed conversation the agent may not see is NOT_FOUND, not the closed refusal (its existence is not revealed)', async () => {
      const c = await makeConversation(ctx.prisma, { status: 'CLOSED', closedAt: past });
      await expectDomainError(patch(c.id, { priority: 'URGENT' }, agent), 'NOT_FOUND');
    });

    it('an unknown id is NOT_FOUND', async () => {
      await expectDomainError(patch('no-such-conversation', { priority: 'URGENT' }), 'NOT_FOUND');
    });

    it('an agent can update one they may see (queue member); a supervisor any', async () => {
      const member = await makeUser(ctx.prisma, 'AGENT');
      const queue = await makeQueue(ctx.prisma, [member.id]);
      const c = await makeConversation(ctx.prisma, { queueId: queue.id });
      expect((await patch(c.id, { priority: 'LOW' }, member)).priority).toBe('LOW');
      const hidden = await makeConversation(ctx.prisma, {});
      expect((await patch(hidden.id, { priority: 'LOW' }, sup)).priority).toBe('LOW');
    });
  });

  describe('refused input changes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown queueId', { priority: 'LOW', queueId: 'no-such-queue' }, 'queueId'],
      ['an unknown agentId', { priority: 'LOW', agentId: 'no-such-agent' }, 'agentId'],
      ['an agent outside its inbox and queue', { priority: 'LOW', agentId: 'OUTSIDER' }, 'agentId'],
      ['a 1001-character topic', { priority: 'LOW', topic: 'x'.repeat(1001) }, 'topic'],
      ['an unknown status', { priority: 'LOW', status: 'DONE' }, 'status'],
    ];
    for (const [what, input, field] of cases) {
      it(what, async () => {
        const c = await full();
        const body = input.agentId === 'OUTSIDER' ? { ...input, agentId: (await makeUser(ctx.prisma, 'AGENT')).id } : input;
        const before = await counts(ctx.prisma);
        await expectDomainError(patchRaw(c.id, body), 'BAD_REQUEST', [field]);
        expect(await row(c.id)).toEqual(c);
        expect(await counts(ctx.prisma)).toEqual(before);
      });
    }

    it('an unknown field', async () => {
      const c = await full();
      const e = await expectDomainError(patchRaw(c.id, { priority: 'LOW', inboxId: 'x' }), 'BAD_REQUEST');
      expect(JSON.stringify(e.fields)).toContain('inboxId');
      expect(await row(c.id)).toEqual(c);
    });
  });
});
