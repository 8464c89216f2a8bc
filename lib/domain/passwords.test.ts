import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine, resetDb } from '../test/db';
import { expectDomainError, makeApiKeyActor, makeUser, type UserActor } from '../test/fixtures';
import { hashPassword } from '../auth/password';
import { signInWithPassword } from '../auth/signin';
import { COMMON_MESSAGE } from '../auth/password-policy';
import { THROTTLE } from '../auth/throttle';
import { changeOwnPassword, WRONG_CURRENT } from './passwords';
import { consumePasswordToken, inspectPasswordToken } from './password-tokens';
import { createUser, issuePasswordLink } from './users';

const OLD = 'old-enough-pass-7';
const NEW = 'plum kettle orbit 42';
const IP = '203.0.113.50';
const hashed = hashPassword(OLD);

describeEachEngine('passwords: own change and admin reset', (ctx) => {
  let me: UserActor;
  let admin: UserActor;
  const version = async (id = me.id) => (await ctx.prisma.user.findUniqueOrThrow({ where: { id } })).sessionVersion;
  const signIn = (password: string, ip = IP) => signInWithPassword(ctx.prisma, { email: me.email, password }, ip);

  beforeEach(async () => {
    await resetDb(ctx.prisma);
    me = await makeUser(ctx.prisma, 'AGENT');
    admin = await makeUser(ctx.prisma, 'ADMIN');
    await ctx.prisma.user.update({ where: { id: me.id }, data: { passwordHash: await hashed, name: 'Robin Vale' } });
  });

  it('changing one’s own password needs the current one; a wrong one changes nothing and counts as a failed sign-in', async () => {
    const wrong = await expectDomainError(changeOwnPassword(ctx.prisma, me, { currentPassword: 'not-it-at-all', newPassword: NEW, confirm: NEW }, IP), 'BAD_REQUEST', ['currentPassword']);
    expect(wrong.message).toBe(WRONG_CURRENT);
    expect(await version()).toBe(0);
    expect(await ctx.prisma.signInAttempt.count({ where: { email: me.email, ip: IP } })).toBe(1);
    expect((await signIn(OLD)).ok).toBe(true);
  });

  it('a right current password sets the new one and ends the other sessions', async () => {
    expect(await changeOwnPassword(ctx.prisma, me, { currentPassword: OLD, newPassword: NEW, confirm: NEW }, IP)).toEqual({ sessionVersion: 1 });
    expect(await version()).toBe(1);
    expect(await signIn(OLD)).toMatchObject({ ok: false });
    expect(await signIn(NEW, '198.51.100.1')).toMatchObject({ ok: true, user: { sessionVersion: 1 } });
  });

  it('refuses a common or personal new password, or the same one, before looking at the current one', async () => {
    for (const newPassword of ['Password123!', 'sunshine', 'RobinVale2024']) {
      await expectDomainError(changeOwnPassword(ctx.prisma, me, { currentPassword: 'whatever', newPassword, confirm: newPassword }, IP), 'BAD_REQUEST', ['newPassword']);
    }
    await expectDomainError(changeOwnPassword(ctx.prisma, me, { currentPassword: OLD, newPassword: OLD, confirm: OLD }, IP), 'BAD_REQUEST', ['newPassword']);
    expect(await ctx.prisma.signInAttempt.count()).toBe(0);
    expect(await version()).toBe(0);
  });

  it('guessing the current password through the form is throttled like a sign-in', async () => {
    for (let i = 0; i < THROTTLE.pair.free; i++) {
      await expectDomainError(changeOwnPassword(ctx.prisma, me, { currentPassword: `guess-${i}`, newPassword: NEW, confirm: NEW }, IP), 'BAD_REQUEST', ['currentPassword']);
    }
    const slowed = await expectDomainError(changeOwnPassword(ctx.prisma, me, { currentPassword: OLD, newPassword: NEW, confirm: NEW }, IP), 'BAD_REQUEST', ['currentPassword']);
    expect(slowed.message).toBe('Too many attempts. Try again in 1 minute.');
    expect(await version()).toBe(0);
  });

  it('an API key has no password of its own to change', async () => {
    const key = await makeApiKeyActor(ctx.prisma, 'ADMIN', me.id);
    await expectDomainError(changeOwnPassword(ctx.prisma, key, { currentPassword: OLD, newPassword: NEW, confirm: NEW }, IP), 'FORBIDDEN');
  });

  it('an admin’s reset stops the old password, ends every session and forgets the known addresses; the link works once', async () => {
    expect((await signIn(OLD)).ok).toBe(true);
    expect(await ctx.prisma.signInAddress.count({ where: { userId: me.id } })).toBe(1);

    const { token } = await issuePasswordLink(ctx.prisma, admin, { userId: me.id });
    expect(await version()).toBe(1);
    expect(await signIn(OLD)).toMatchObject({ ok: false });
    expect(await ctx.prisma.signInAddress.count({ where: { userId: me.id } })).toBe(0);

    await consumePasswordToken(ctx.prisma, { token, password: NEW }, new Date(), '192.0.2.9');
    expect(await version()).toBe(2);
    expect(await ctx.prisma.signInAddress.findMany({ where: { userId: me.id }, select: { ip: true } })).toEqual([{ ip: '192.0.2.9' }]);
    expect(await inspectPasswordToken(ctx.prisma, token)).toEqual({ state: 'used' });
    await expectDomainError(consumePasswordToken(ctx.prisma, { token, password: 'another fine phrase' }), 'BAD_REQUEST', ['token']);
    expect(await signIn(NEW)).toMatchObject({ ok: true, user: { sessionVersion: 2 } });
  });

  it('a reset link refuses a common password and stays usable', async () => {
    const { token } = await issuePasswordLink(ctx.prisma, admin, { userId: me.id });
    const refused = await expectDomainError(consumePasswordToken(ctx.prisma, { token, password: 'iloveyou1' }), 'BAD_REQUEST', ['password']);
    expect(refused.message).toBe(COMMON_MESSAGE);
    expect((await inspectPasswordToken(ctx.prisma, token)).state).toBe('valid');
  });

  it('an admin cannot reset their own password from the People page', async () => {
    await expectDomainError(issuePasswordLink(ctx.prisma, admin, { userId: admin.id }), 'BAD_REQUEST', ['userId']);
    expect(await version(admin.id)).toBe(0);
  });

  it('a new user’s initial password passes the same policy', async () => {
    await expectDomainError(createUser(ctx.prisma, admin, { name: 'Pat', email: 'pat@t.example', role: 'AGENT', password: 'qwerty123' }), 'BAD_REQUEST', ['password']);
    expect(await ctx.prisma.user.count({ where: { email: 'pat@t.example' } })).toBe(0);
    await createUser(ctx.prisma, admin, { name: 'Pat', email: 'pat@t.example', role: 'AGENT', password: NEW });
  });
});
