import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { expectDomainError, makeConversation, makeInbox, makeUser, uid, type UserActor } from '../../test/fixtures';
import { invoke } from '../../operations/operation';
import { bulkConversationsOp } from '../../operations/snooze-bulk';

// Bulk actions (issue 15): each selected conversation through its single action, in a transaction
// of its own, checked for the caller one by one; the answer says what was done and why the rest
// was refused.
describeEachEngine('bulk actions', (ctx) => {
  let sup: UserActor;
  let ana: UserActor;
  let ben: UserActor;
  let inboxId: string;

  beforeAll(async () => {
    [sup, ana, ben] = await Promise.all([makeUser(ctx.prisma, 'SUPERVISOR'), makeUser(ctx.prisma, 'AGENT'), makeUser(ctx.prisma, 'AGENT')]);
    // Ana collaborates on this inbox; Ben does not.
    inboxId = (await makeInbox(ctx.prisma, { collaborators: [ana.id] })).id;
  });

  const bulk = (actor: UserActor, conversationIds: string[], action: Record<string, unknown>) => invoke(bulkConversationsOp, { db: ctx.prisma, actor }, { conversationIds, action });
  const row = (id: string) => ctx.prisma.conversation.findUniqueOrThrow({ where: { id }, include: { tags: { include: { tag: true } } } });
  const timeline = (id: string) => ctx.prisma.timelineEvent.findMany({ where: { conversationId: id } });
  const inInbox = (data: { status?: 'OPEN' | 'CLOSED'; agentId?: string } = {}) => makeConversation(ctx.prisma, { ...data, inboxId });

  it('assigns the allowed ones and names why each other one was refused; the refused ones are untouched', async () => {
    const [a, b, closed] = await Promise.all([inInbox(), inInbox(), inInbox({ status: 'CLOSED' })]);
    const elsewhere = await makeConversation(ctx.prisma); // Ana may not take it: not in her inbox or queue.
    const result = await bulk(sup, [a.id, closed.id, b.id, elsewhere.id], { kind: 'assign', agentId: ana.id });
    expect(result).toEqual({
      kind: 'assign',
      done: 2,
      refused: [
        { id: closed.id, reason: 'closed' },
        { id: elsewhere.id, reason: `${ana.name} cannot take this conversation` },
      ],
    });
    expect((await row(a.id)).agentId).toBe(ana.id);
    expect((await row(b.id)).agentId).toBe(ana.id);
    expect((await row(closed.id)).agentId).toBeNull();
    expect((await row(elsewhere.id)).agentId).toBeNull();
    expect(await timeline(closed.id)).toEqual([]);
    expect((await timeline(a.id)).map((e) => e.kind)).toEqual(['ASSIGNEE_CHANGED']);
  });

  it('checks visibility per conversation for an agent: one they may not see is "not found", and stays as it was', async () => {
    const mine = await inInbox();
    const hidden = await makeConversation(ctx.prisma, { status: 'OPEN' });
    const result = await bulk(ana, [mine.id, hidden.id], { kind: 'status', status: 'SOLVED' });
    expect(result).toEqual({ kind: 'status', done: 1, refused: [{ id: hidden.id, reason: 'not found' }] });
    expect((await row(mine.id)).status).toBe('SOLVED');
    expect((await row(hidden.id)).status).toBe('OPEN');
  });

  it('one transaction per conversation: a refusal in the middle keeps the changes before and after it', async () => {
    const name = uid('bulk');
    const first = await inInbox();
    const closed = await inInbox({ status: 'CLOSED' });
    const last = await inInbox();
    const result = await bulk(sup, [first.id, closed.id, last.id], { kind: 'addTag', tagName: name });
    expect(result).toMatchObject({ done: 2, refused: [{ id: closed.id, reason: 'closed' }] });
    for (const c of [first, last]) expect((await row(c.id)).tags.map((t) => t.tag.name)).toEqual([name]);
    expect((await row(closed.id)).tags).toEqual([]);
    // Removing: the one without the tag says so; the tag itself stays.
    const removed = await bulk(sup, [first.id, last.id, closed.id], { kind: 'removeTag', tagName: name });
    expect(removed).toMatchObject({ done: 2, refused: [{ id: closed.id, reason: 'closed' }] });
    expect(await ctx.prisma.tag.count({ where: { name } })).toBe(1);
    const again = await bulk(sup, [first.id], { kind: 'removeTag', tagName: name });
    expect(again).toMatchObject({ done: 0, refused: [{ id: first.id, reason: 'does not have the tag' }] });
  });

  it('routes, snoozes and unsnoozes through the single actions', async () => {
    const [a, b] = await Promise.all([inInbox({ agentId: ana.id }), inInbox({ agentId: ana.id })]);
    const routed = await bulk(sup, [a.id, b.id], { kind: 'route' });
    expect(routed).toMatchObject({ done: 2, refused: [] });
    expect((await timeline(a.id)).some((e) => e.kind === 'ROUTED')).toBe(true);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect(await bulk(sup, [a.id, b.id], { kind: 'snooze', until })).toMatchObject({ done: 2 });
    expect(await row(a.id)).toMatchObject({ status: 'WAITING', snoozedUntil: new Date(until) });
    expect(await bulk(sup, [a.id], { kind: 'unsnooze' })).toMatchObject({ done: 1 });
    expect(await row(a.id)).toMatchObject({ status: 'OPEN', snoozedUntil: null });
  });

  it('refuses a bad request whole, before any change: no ids, too many, an unknown action', async () => {
    const c = await inInbox();
    await expectDomainError(bulk(sup, [], { kind: 'route' }), 'BAD_REQUEST', ['conversationIds']);
    await expectDomainError(bulk(sup, Array.from({ length: 101 }, () => c.id), { kind: 'route' }), 'BAD_REQUEST', ['conversationIds']);
    await expectDomainError(bulk(sup, [c.id], { kind: 'delete' }), 'BAD_REQUEST');
    await expectDomainError(bulk(sup, [c.id], { kind: 'addTag', tagName: 'no spaces' }), 'BAD_REQUEST');
    expect(await timeline(c.id)).toEqual([]);
    // Ben, an agent, may not assign anyone to what he cannot see.
    expect(await bulk(ben, [c.id], { kind: 'assign', agentId: ben.id })).toMatchObject({ done: 0, refused: [{ reason: 'not found' }] });
  });
});
