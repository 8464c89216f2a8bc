import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { counts, expectDomainError, makeConversation, makeInbox, makeUser, type UserActor } from '../test/fixtures';
import { invoke } from '../operations/operation';
import { deleteMetadataOp, getMetadataOp, patchMetadataOp, putMetadataOp } from '../operations/notes-metadata';
import { closedConversation } from './errors';

describeEachEngine('conversation metadata', (ctx) => {
  let agent: UserActor;
  let outsider: UserActor;
  let inboxId: string;

  beforeAll(async () => {
    [agent, outsider] = await Promise.all([makeUser(ctx.prisma), makeUser(ctx.prisma)]);
    inboxId = (await makeInbox(ctx.prisma, { collaborators: [agent.id] })).id;
  });

  const as = (actor: UserActor = agent) => ({ db: ctx.prisma, actor });
  const get = (conversationId: string, actor?: UserActor) => invoke(getMetadataOp, as(actor), { conversationId });
  const put = (conversationId: string, metadata: unknown, actor?: UserActor) => invoke(putMetadataOp, as(actor), { conversationId, metadata });
  const patch = (conversationId: string, metadata: unknown) => invoke(patchMetadataOp, as(), { conversationId, metadata });
  const del = (conversationId: string) => invoke(deleteMetadataOp, as(), { conversationId });
  const stored = async (id: string) => (await ctx.prisma.conversation.findUniqueOrThrow({ where: { id } })).metadata;
  const timeline = (conversationId: string) => ctx.prisma.timelineEvent.findMany({ where: { conversationId, kind: 'METADATA_CHANGED' }, orderBy: { createdAt: 'asc' } });
  const conv = (data: Parameters<typeof makeConversation>[1] = {}) => makeConversation(ctx.prisma, { inboxId, ...data } as typeof data);

  it('is {} until set; PUT replaces, PATCH merges top-level keys and removes those set to null, DELETE empties', async () => {
    const c = await conv();
    expect(await get(c.id)).toEqual({});
    await put(c.id, { key1: 'value1', key2: 'value2', nested: { a: [1, 2] } });
    expect(await get(c.id)).toEqual({ key1: 'value1', key2: 'value2', nested: { a: [1, 2] } });
    await put(c.id, { only: true });
    expect(await stored(c.id)).toEqual({ only: true });
    await patch(c.id, { key1: 'value1_updated', key3: 'value3', only: null, nested: { b: 1 } });
    expect(await get(c.id)).toEqual({ key1: 'value1_updated', key3: 'value3', nested: { b: 1 } });
    await del(c.id);
    expect(await get(c.id)).toEqual({});
    expect(await stored(c.id)).toEqual({});
  });

  it('writes METADATA_CHANGED with the keys changed (and their values while small), nothing for a no-op', async () => {
    const c = await conv();
    await put(c.id, { plan: 'gold', crm: 'A-1' });
    await patch(c.id, { plan: 'silver', crm: null });
    await patch(c.id, { plan: 'silver' });
    await put(c.id, { blob: 'x'.repeat(2000) });
    const ev = await timeline(c.id);
    expect(ev.map((e) => [e.before, e.after])).toEqual([
      [{ values: {} }, { set: ['plan', 'crm'], removed: [], values: { plan: 'gold', crm: 'A-1' } }],
      [{ values: { plan: 'gold', crm: 'A-1' } }, { set: ['plan'], removed: ['crm'], values: { plan: 'silver' } }],
      // Large values: only the keys.
      [{}, { set: ['blob'], removed: ['plan'] }],
    ]);
    expect(ev[0]).toMatchObject({ actorKind: 'USER', actorUserId: agent.id });
  });

  // Refusals name fields as the caller wrote the body: "(body)" for the whole, or the key.
  it('refuses bodies that are not a non-empty object, bad keys, deep nesting and more than 16 KB, changing nothing', async () => {
    const c = await conv();
    await put(c.id, { keep: 1 });
    const before = { ...(await counts(ctx.prisma)), updatedAt: (await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).updatedAt };
    await expectDomainError(put(c.id, {}), 'BAD_REQUEST', ['(body)']);
    await expectDomainError(put(c.id, ['a']), 'BAD_REQUEST', ['(body)']);
    await expectDomainError(put(c.id, 'text'), 'BAD_REQUEST', ['(body)']);
    await expectDomainError(patch(c.id, {}), 'BAD_REQUEST', ['(body)']);
    await expectDomainError(put(c.id, { ['k'.repeat(101)]: 1 }), 'BAD_REQUEST');
    await expectDomainError(put(c.id, { '': 1 }), 'BAD_REQUEST');
    await expectDomainError(put(c.id, { deep: { a: { b: { c: { d: { e: { f: 1 } } } } } } }), 'BAD_REQUEST', ['deep']);
    const big = await expectDomainError(put(c.id, { big: 'x'.repeat(16 * 1024) }), 'BAD_REQUEST', ['(body)']);
    expect(Object.values(big.fields ?? {}).flat().join(' ')).toMatch(/16384 bytes/);
    const after = await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } });
    expect([after.metadata, after.updatedAt]).toEqual([{ keep: 1 }, before.updatedAt]);
    expect(await timeline(c.id)).toHaveLength(1);
    // The limit holds for what a PATCH merges into, too.
    await put(c.id, { half: 'x'.repeat(10_000) });
    const merged = await expectDomainError(patch(c.id, { other: 'y'.repeat(10_000) }), 'BAD_REQUEST', ['(body)']);
    expect(merged.fields?.['(body)'][0]).toMatch(/16384 bytes of JSON/);
    expect(await stored(c.id)).toEqual({ half: 'x'.repeat(10_000) });
    expect((await counts(ctx.prisma)).conversations).toBe(before.conversations);
    expect(await put(c.id, { ok: 'y'.repeat(16 * 1024 - 20) })).toBeTruthy();
    // Five levels below the key are allowed.
    expect(await put(c.id, { deep: { a: { b: { c: { d: { e: 1 } } } } } })).toBeTruthy();
  });

  it('answers 404 to whoever may not see the conversation', async () => {
    const c = await conv();
    await expectDomainError(get(c.id, outsider), 'NOT_FOUND');
    await expectDomainError(put(c.id, { a: 1 }, outsider), 'NOT_FOUND');
    expect(await stored(c.id)).toEqual({});
  });

  it('refuses changes to a CLOSED conversation as every change is refused, and still reads it', async () => {
    const c = await conv({ status: 'CLOSED', closedAt: new Date(), metadata: { plan: 'gold' } });
    const closed = closedConversation();
    // One at a time: started together, a refusal could land before its expectation is attached (an unhandled rejection).
    for (const attempt of [() => put(c.id, { plan: 'silver' }), () => patch(c.id, { plan: null }), () => del(c.id)]) {
      const e = await expectDomainError(attempt(), closed.code);
      expect(e.message).toBe(closed.message);
    }
    expect(await get(c.id)).toEqual({ plan: 'gold' });
    expect(await timeline(c.id)).toEqual([]);
  });
});
