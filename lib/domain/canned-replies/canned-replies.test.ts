import { beforeAll, describe, expect, it } from 'vitest';
import { AuthError, type Actor } from '../../access/actor';
import { describeEachEngine } from '../../test/db';
import { expectDomainError, makeApiKeyActor, makeConversation, makeInbox, makeUser, uid, type UserActor } from '../../test/fixtures';
import { invoke } from '../../operations/operation';
import {
  createPersonalCannedReplyOp,
  createSharedCannedReplyOp,
  deletePersonalCannedReplyOp,
  deleteSharedCannedReplyOp,
  listCannedRepliesOp,
  updatePersonalCannedReplyOp,
  updateSharedCannedReplyOp,
} from '../../operations/canned-replies';
import { fillVariables, type FillContext } from './fill';

describe('fillVariables', () => {
  const ctx: FillContext = {
    customer: { name: 'Maria Lopez', email: 'maria@example.com', phone: null },
    agent: { name: 'Ana Alvarez', email: 'ana@example.com' },
    conversation: { id: 'c-1', topic: 'Parcel is late' },
  };

  it('fills every documented variable, with or without spaces inside the braces', () => {
    expect(fillVariables('Hi {{customer.name}} ({{ customer.email }}), {{agent.name}} here about #{{conversation.id}}: {{conversation.topic}}.', ctx)).toBe(
      'Hi Maria Lopez (maria@example.com), Ana Alvarez here about #c-1: Parcel is late.',
    );
  });

  it('uses the fallback where the value is empty, and nothing where there is none', () => {
    expect(fillVariables('Call {{customer.phone | you}} / {{customer.phone}}.', ctx)).toBe('Call you / .');
    expect(fillVariables('Hi {{customer.name|there}}', { ...ctx, customer: null })).toBe('Hi there');
    expect(fillVariables('Hi {{customer.name|there}}', ctx)).toBe('Hi Maria Lopez');
  });

  it('leaves an unknown name as written rather than dropping text', () => {
    expect(fillVariables('{{customer.nmae}} {{ }}', ctx)).toBe('{{customer.nmae}} {{ }}');
  });
});

describeEachEngine('canned replies', (ctx) => {
  let agent: UserActor;
  let other: UserActor;
  let sup: UserActor;
  let admin: UserActor;

  beforeAll(async () => {
    [agent, other, sup, admin] = await Promise.all([makeUser(ctx.prisma), makeUser(ctx.prisma), makeUser(ctx.prisma, 'SUPERVISOR'), makeUser(ctx.prisma, 'ADMIN')]);
  });

  const run = <O>(op: Parameters<typeof invoke<never, O>>[0] | { name: string }, actor: Actor, input: unknown) =>
    invoke(op as Parameters<typeof invoke>[0], { db: ctx.prisma, actor }, input) as Promise<O>;
  const titles = async (actor: Actor, input: Record<string, unknown> = {}) =>
    ((await run(listCannedRepliesOp, actor, input)) as { title: string }[]).map((r) => r.title);

  it('shares a supervisor’s reply with everyone and keeps a personal one to its owner', async () => {
    const tag = uid('t');
    await run(createSharedCannedReplyOp, sup, { title: `${tag} shared`, body: 'For everyone' });
    await run(createPersonalCannedReplyOp, agent, { title: `${tag} mine`, body: 'Only me' });
    await run(createPersonalCannedReplyOp, sup, { title: `${tag} sup's own`, body: 'Only the supervisor' });
    expect(await titles(agent, { query: tag })).toEqual([`${tag} mine`, `${tag} shared`]);
    expect(await titles(other, { query: tag })).toEqual([`${tag} shared`]);
    // Not even an admin reads someone else's personal replies.
    expect(await titles(admin, { query: tag })).toEqual([`${tag} shared`]);
    expect(await titles(sup, { query: tag })).toEqual([`${tag} sup's own`, `${tag} shared`]);
  });

  it('searches titles and text, case-insensitively', async () => {
    const tag = uid('q');
    await run(createSharedCannedReplyOp, sup, { title: `${tag} Refund`, body: 'Your money is on its way' });
    await run(createSharedCannedReplyOp, sup, { title: `${tag} Delay`, body: 'Your PARCEL is late' });
    expect(await titles(agent, { query: `${tag} refund` })).toEqual([`${tag} Refund`]);
    expect(await titles(agent, { query: tag.toUpperCase() })).toHaveLength(2);
    expect(await titles(agent, { query: 'parcel is LATE' })).toContain(`${tag} Delay`);
  });

  it('refuses an agent every change to shared replies, on the server, before reading anything', async () => {
    const shared = (await run(createSharedCannedReplyOp, sup, { title: uid('s'), body: 'Team text' })) as { id: string };
    for (const [op, input] of [
      [createSharedCannedReplyOp, { title: 'x', body: 'y' }],
      [updateSharedCannedReplyOp, { id: shared.id, title: 'hacked', body: 'hacked' }],
      [deleteSharedCannedReplyOp, { id: shared.id }],
    ] as const) {
      const refusal = await run(op, agent, input).catch((e: unknown) => e);
      expect(refusal, op.name).toBeInstanceOf(AuthError);
    }
    // Nor through the personal door: a shared id is no personal reply of theirs.
    await expectDomainError(run(updatePersonalCannedReplyOp, agent, { id: shared.id, title: 'hacked', body: 'hacked' }), 'NOT_FOUND');
    await expectDomainError(run(deletePersonalCannedReplyOp, agent, { id: shared.id }), 'NOT_FOUND');
    expect(await ctx.prisma.cannedReply.findUnique({ where: { id: shared.id } })).toMatchObject({ title: expect.stringMatching(/^s-/), body: 'Team text' });
  });

  it('lets nobody else change a personal reply, whatever their role (404, as if it did not exist)', async () => {
    const mine = (await run(createPersonalCannedReplyOp, agent, { title: uid('p'), body: 'Mine' })) as { id: string; title: string };
    for (const actor of [other, sup, admin]) {
      await expectDomainError(run(updatePersonalCannedReplyOp, actor, { id: mine.id, title: 'taken', body: 'taken' }), 'NOT_FOUND');
      await expectDomainError(run(deletePersonalCannedReplyOp, actor, { id: mine.id }), 'NOT_FOUND');
      // Through the shared door (for those who have one) it is no shared reply either.
      if (actor.role !== 'AGENT') await expectDomainError(run(updateSharedCannedReplyOp, actor, { id: mine.id, title: 'taken', body: 'taken' }), 'NOT_FOUND');
    }
    expect(await ctx.prisma.cannedReply.findUnique({ where: { id: mine.id } })).toMatchObject({ title: mine.title, body: 'Mine', ownerId: agent.id });
    // The owner may.
    await run(updatePersonalCannedReplyOp, agent, { id: mine.id, title: 'Renamed', body: 'Still mine' });
    expect(await ctx.prisma.cannedReply.findUnique({ where: { id: mine.id } })).toMatchObject({ title: 'Renamed', body: 'Still mine' });
    await run(deletePersonalCannedReplyOp, agent, { id: mine.id });
    expect(await ctx.prisma.cannedReply.count({ where: { id: mine.id } })).toBe(0);
  });

  it('audits changes to shared replies in the same transaction, and not personal ones', async () => {
    const r = (await run(createSharedCannedReplyOp, sup, { title: uid('a'), body: 'v1' })) as { id: string };
    await run(updateSharedCannedReplyOp, admin, { id: r.id, title: 'Audited', body: 'v2' });
    await run(deleteSharedCannedReplyOp, sup, { id: r.id });
    const log = await ctx.prisma.auditLog.findMany({ where: { entityType: 'CANNED_REPLY', entityId: r.id }, orderBy: { createdAt: 'asc' } });
    expect(log.map((l) => [l.action, l.actorUserId])).toEqual([
      ['create', sup.id],
      ['update', admin.id],
      ['delete', sup.id],
    ]);
    expect(log[1]).toMatchObject({ before: { title: expect.any(String), body: 'v1' }, after: { title: 'Audited', body: 'v2' } });
    const p = (await run(createPersonalCannedReplyOp, agent, { title: uid('a'), body: 'private' })) as { id: string };
    expect(await ctx.prisma.auditLog.count({ where: { entityId: p.id } })).toBe(0);
  });

  it('refuses bad input with the field at fault and stores nothing', async () => {
    const before = await ctx.prisma.cannedReply.count();
    await expectDomainError(run(createPersonalCannedReplyOp, agent, { title: ' ', body: 'x' }), 'BAD_REQUEST', ['title']);
    await expectDomainError(run(createPersonalCannedReplyOp, agent, { title: 'x', body: '   ' }), 'BAD_REQUEST', ['body']);
    await expectDomainError(run(createPersonalCannedReplyOp, agent, { title: 'x'.repeat(101), body: 'x' }), 'BAD_REQUEST', ['title']);
    await expectDomainError(run(createPersonalCannedReplyOp, agent, { title: 'x', body: 'x'.repeat(4097) }), 'BAD_REQUEST', ['body']);
    const typo = await expectDomainError(run(createSharedCannedReplyOp, sup, { title: 'x', body: 'Hi {{customer.nmae}}' }), 'BAD_REQUEST', ['body']);
    expect(typo.fields?.body?.[0]).toContain('{{customer.nmae}}');
    expect(await ctx.prisma.cannedReply.count()).toBe(before);
  });

  it('refuses a personal reply for a key that acts for nobody; a key acting for a user writes theirs', async () => {
    const ownKey = await makeApiKeyActor(ctx.prisma, 'AGENT');
    await expectDomainError(run(createPersonalCannedReplyOp, ownKey, { title: 'x', body: 'y' }), 'FORBIDDEN');
    const asAgent = await makeApiKeyActor(ctx.prisma, 'AGENT', agent.id);
    const r = (await run(createPersonalCannedReplyOp, asAgent, { title: uid('k'), body: 'via key' })) as { id: string };
    expect(await ctx.prisma.cannedReply.findUnique({ where: { id: r.id } })).toMatchObject({ ownerId: agent.id, scope: 'PERSONAL' });
  });

  it('fills the variables for a conversation the caller may see, and answers 404 for one they may not', async () => {
    const inbox = await makeInbox(ctx.prisma, { collaborators: [agent.id] });
    const customer = await ctx.prisma.customer.create({ data: { name: 'Maria Lopez', email: 'maria@example.com' } });
    const c = await makeConversation(ctx.prisma, { inboxId: inbox.id, customerId: customer.id, topic: 'Parcel' });
    const tag = uid('f');
    await run(createSharedCannedReplyOp, sup, { title: tag, body: 'Hi {{customer.name}}, this is {{agent.name}} ({{customer.email}}) on {{conversation.id}}' });
    const [filled] = (await run(listCannedRepliesOp, agent, { query: tag, conversationId: c.id })) as { text: string; body: string }[];
    expect(filled.text).toBe(`Hi Maria Lopez, this is ${agent.name} (maria@example.com) on ${c.id}`);
    expect(filled.body).toContain('{{customer.name}}');
    await expectDomainError(run(listCannedRepliesOp, other, { query: tag, conversationId: c.id }), 'NOT_FOUND');
  });
});
