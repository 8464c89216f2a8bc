import { expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { expectDomainError, makeConversation, makeInbox, makeUser } from '../test/fixtures';
import { verifyPassword } from '../auth/password';
import type { Actor } from '../access/actor';
import { createUserSchema } from '../validation/admin';
import { parseOrThrow } from './errors';
import { createUser, setUserEnabled, setUserRole } from './users';

describeEachEngine('user administration', (ctx) => {
  const fresh = () => ({ name: 'New Person', email: `New.${Math.random().toString(36).slice(2)}@Example.com`, role: 'AGENT' as const, password: 'correct horse' });
  // As a door does it: the input is parsed once, then the domain runs.
  const create = async (actor: Actor, input: unknown) => createUser(ctx.prisma, actor, parseOrThrow(createUserSchema, input));

  it('creates a user who can sign in with the initial password; the email is stored lower-case', async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const input = fresh();
    const user = await create(admin, input);
    const row = await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ email: input.email.toLowerCase(), role: 'AGENT', enabled: true, availability: 'OFFLINE' });
    expect(await verifyPassword('correct horse', row.passwordHash)).toBe(true);
  });

  it('refuses a duplicate email (whatever its case), a short password and a bad role, creating nothing', async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const input = fresh();
    await create(admin, input);
    const before = await ctx.prisma.user.count();
    const dup = await expectDomainError(create(admin, { ...fresh(), email: input.email.toUpperCase() }), 'CONFLICT', ['email']);
    expect(dup.message).toContain('already');
    await expectDomainError(create(admin, { ...fresh(), password: 'short' }), 'BAD_REQUEST', ['password']);
    await expectDomainError(create(admin, { ...fresh(), role: 'OWNER' }), 'BAD_REQUEST', ['role']);
    await expectDomainError(create(admin, { ...fresh(), email: 'nope' }), 'BAD_REQUEST', ['email']);
    expect(await ctx.prisma.user.count()).toBe(before);
  });

  it('changes roles, but an admin cannot demote or disable themselves', async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const other = await makeUser(ctx.prisma, 'AGENT');
    expect(await setUserRole(ctx.prisma, admin, { userId: other.id, role: 'SUPERVISOR' })).toEqual({ id: other.id, role: 'SUPERVISOR' });
    await expectDomainError(setUserRole(ctx.prisma, admin, { userId: admin.id, role: 'AGENT' }), 'BAD_REQUEST', ['role']);
    await expectDomainError(setUserEnabled(ctx.prisma, admin, { userId: admin.id, enabled: false }), 'BAD_REQUEST', ['enabled']);
    expect(await ctx.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: 'ADMIN', enabled: true });
    await expectDomainError(setUserRole(ctx.prisma, admin, { userId: 'no-such-user', role: 'AGENT' }), 'NOT_FOUND');
  });

  it('disabling sets the user OFFLINE and reassigns their open conversations to ONLINE collaborators', async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const [ana, ben, cal] = [await makeUser(ctx.prisma), await makeUser(ctx.prisma), await makeUser(ctx.prisma)];
    await ctx.prisma.user.updateMany({ where: { id: { in: [ana.id, ben.id] } }, data: { availability: 'ONLINE' } });
    // Cal collaborates too but is OFFLINE: reassignment only goes to ONLINE agents.
    const inbox = await makeInbox(ctx.prisma, { collaborators: [ana.id, ben.id, cal.id] });
    const open = [await makeConversation(ctx.prisma, { inboxId: inbox.id, agentId: ana.id }), await makeConversation(ctx.prisma, { inboxId: inbox.id, agentId: ana.id, status: 'WAITING' })];
    const solved = await makeConversation(ctx.prisma, { inboxId: inbox.id, agentId: ana.id, status: 'SOLVED' });

    const result = await setUserEnabled(ctx.prisma, admin, { userId: ana.id, enabled: false });
    expect(result.reassigned).toEqual({ moved: 2, unassigned: 0 });
    expect(await ctx.prisma.user.findUniqueOrThrow({ where: { id: ana.id } })).toMatchObject({ enabled: false, availability: 'OFFLINE' });
    const after = await ctx.prisma.conversation.findMany({ where: { id: { in: open.map((c) => c.id) } } });
    expect(after.map((c) => c.agentId)).toEqual([ben.id, ben.id]);
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: solved.id } })).agentId).toBe(ana.id);
    const event = await ctx.prisma.timelineEvent.findFirstOrThrow({ where: { conversationId: open[0].id, kind: 'ASSIGNEE_CHANGED' } });
    expect(event.reason).toContain('was disabled');

    await setUserEnabled(ctx.prisma, admin, { userId: ana.id, enabled: true });
    expect(await ctx.prisma.user.findUniqueOrThrow({ where: { id: ana.id } })).toMatchObject({ enabled: true, availability: 'OFFLINE' });
  });
});
