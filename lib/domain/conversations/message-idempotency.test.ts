import { beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { expectDomainError, makeConversation, makeUser, type UserActor } from '../../test/fixtures';
import { callApi, makeTestKeys, type TestKeys } from '../../test/api';
import { invoke } from '../../operations/operation';
import { addMessageOp } from '../../operations/tags-messages';

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

// A double click on Send, or a retry after a lost answer, must reach the customer once (issue 15).
describeEachEngine('sending a message twice with one clientMessageId', (ctx) => {
  let agent: UserActor;
  let keys: TestKeys;
  beforeAll(async () => {
    state.prisma = ctx.prisma;
    agent = await makeUser(ctx.prisma, 'SUPERVISOR');
    keys = await makeTestKeys(ctx.prisma);
  });
  const send = (conversationId: string, text: string, clientMessageId?: string) =>
    invoke(addMessageOp, { db: ctx.prisma, actor: agent }, { conversationId, content: { text }, clientMessageId });
  const stored = (conversationId: string) => ctx.prisma.message.count({ where: { conversationId } });

  it('stores one message and answers both sends with it', async () => {
    const c = await makeConversation(ctx.prisma);
    const first = await send(c.id, 'Your parcel left today.', 'draft-1');
    const again = await send(c.id, 'Your parcel left today.', 'draft-1');
    expect(again.id).toBe(first.id);
    expect(await stored(c.id)).toBe(1);
  });

  it('two sends at the same moment store one message', async () => {
    const c = await makeConversation(ctx.prisma);
    const [a, b] = await Promise.all([send(c.id, 'Racing', 'draft-race'), send(c.id, 'Racing', 'draft-race')]);
    expect(a.id).toBe(b.id);
    expect(await stored(c.id)).toBe(1);
  });

  it('without a key, or with another key, each send is a message', async () => {
    const c = await makeConversation(ctx.prisma);
    await send(c.id, 'One');
    await send(c.id, 'One');
    await send(c.id, 'One', 'k-1');
    await send(c.id, 'One', 'k-2');
    expect(await stored(c.id)).toBe(4);
  });

  it('a key is per conversation: the same key elsewhere is a new message', async () => {
    const [c1, c2] = await Promise.all([makeConversation(ctx.prisma), makeConversation(ctx.prisma)]);
    const a = await send(c1.id, 'Hi', 'shared');
    const b = await send(c2.id, 'Hi', 'shared');
    expect(a.id).not.toBe(b.id);
  });

  it('the same key with another text is refused and stores nothing', async () => {
    const c = await makeConversation(ctx.prisma);
    await send(c.id, 'First text', 'draft-x');
    await expectDomainError(send(c.id, 'Other text', 'draft-x'), 'CONFLICT', ['clientMessageId']);
    expect(await stored(c.id)).toBe(1);
  });

  it('a retry after the conversation closed answers with the stored message; a new one is refused', async () => {
    const c = await makeConversation(ctx.prisma);
    const first = await send(c.id, 'Before closing', 'draft-c');
    await ctx.prisma.conversation.update({ where: { id: c.id }, data: { status: 'CLOSED' } });
    expect((await send(c.id, 'Before closing', 'draft-c')).id).toBe(first.id);
    await expectDomainError(send(c.id, 'After closing', 'draft-d'), 'BAD_REQUEST');
  });

  it('over the API: clientMessageId in the body, or the Idempotency-Key header, lists the message once', async () => {
    const c = await makeConversation(ctx.prisma);
    const M = '/ccaas/1/conversations/{conversationId}/messages';
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      callApi({ method: 'post', template: M, params: { conversationId: c.id }, headers: { authorization: keys.admin, ...headers }, body });
    // One at a time, then the retry: on a fresh PGlite two first API calls at once can collide
    // preparing the key check (lib/db/sql.ts), which is not what this test is about.
    const byField = [await post({ content: { text: 'By field' }, clientMessageId: 'api-field' })];
    byField.push(await post({ content: { text: 'By field' }, clientMessageId: 'api-field' }));
    expect(byField.map((r) => r.status)).toEqual([200, 200]);
    expect((byField[0].json as { id: string }).id).toBe((byField[1].json as { id: string }).id);
    const byHeader = await Promise.all([1, 2].map(() => post({ content: { text: 'By header' } }, { 'idempotency-key': 'api-header' })));
    expect(byHeader.map((r) => r.status)).toEqual([200, 200]);
    const list = await callApi({ method: 'get', template: M, params: { conversationId: c.id }, headers: { authorization: keys.admin } });
    const texts = (list.json as { messages: { content: { text: string } }[] }).messages.map((m) => m.content.text);
    expect(texts).toEqual(['By field', 'By header']);
    expect((await post({ content: { text: 'Changed' }, clientMessageId: 'api-field' })).status).toBe(409);
  });
});
