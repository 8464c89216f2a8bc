import { expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { expectDomainError, makeUser, uid } from '../test/fixtures';
import { signInWithPassword } from '../auth/signin';
import { setPasswordSchema } from '../validation/agents';
import { createAgent } from './agents';
import { parseOrThrow } from './errors';
import { consumePasswordToken, inspectPasswordToken, PASSWORD_TOKEN_TTL_MS, setPasswordUrl, TOKEN_MESSAGES } from './password-tokens';
import { issuePasswordLink } from './users';

describeEachEngine('one-time set-password links', (ctx) => {
  const newAgent = async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const email = `${uid('link')}@t.example`;
    const { agent, token } = await createAgent(ctx.prisma, admin, { displayName: 'Lia Link', email, status: 'AWAY', role: 'AGENT', enabled: true });
    return { admin, agent, token, email };
  };

  it('sets a password once; sign-in works with it, and the link is spent', async () => {
    const { token, email } = await newAgent();
    expect(await signInWithPassword(ctx.prisma, { email, password: 'brand new pass' }, '10.0.0.1')).toMatchObject({ ok: false });
    expect(await inspectPasswordToken(ctx.prisma, token)).toEqual({ state: 'valid', email, name: 'Lia Link' });
    expect(await consumePasswordToken(ctx.prisma, { token, password: 'brand new pass' })).toEqual({ email });
    const signedIn = await signInWithPassword(ctx.prisma, { email, password: 'brand new pass' }, '10.0.0.2');
    expect(signedIn).toMatchObject({ ok: true, user: { email } });
    // Signing in makes them ONLINE, and their chosen status ACTIVE.
    expect(await ctx.prisma.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ availability: 'ONLINE', status: 'ACTIVE' });

    expect(await inspectPasswordToken(ctx.prisma, token)).toEqual({ state: 'used' });
    const again = await expectDomainError(consumePasswordToken(ctx.prisma, { token, password: 'another password' }), 'BAD_REQUEST', ['token']);
    expect(again.message).toBe(TOKEN_MESSAGES.used);
    // The second try changed nothing: the first password still works.
    expect(await signInWithPassword(ctx.prisma, { email, password: 'brand new pass' }, '10.0.0.3')).toMatchObject({ ok: true });
  });

  it('two submissions of one link at once: exactly one sets the password', async () => {
    const { token } = await newAgent();
    const results = await Promise.allSettled([
      consumePasswordToken(ctx.prisma, { token, password: 'first password' }),
      consumePasswordToken(ctx.prisma, { token, password: 'second password' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses an expired or unknown link with its own words', async () => {
    const { token, agent } = await newAgent();
    const later = new Date(Date.now() + PASSWORD_TOKEN_TTL_MS + 1000);
    expect(await inspectPasswordToken(ctx.prisma, token, later)).toEqual({ state: 'expired' });
    const expired = await expectDomainError(consumePasswordToken(ctx.prisma, { token, password: 'too late now' }, later), 'BAD_REQUEST', ['token']);
    expect(expired.message).toBe(TOKEN_MESSAGES.expired);
    const unknown = await expectDomainError(consumePasswordToken(ctx.prisma, { token: 'not-a-token', password: 'whatever1' }), 'BAD_REQUEST', ['token']);
    expect(unknown.message).toBe(TOKEN_MESSAGES.unknown);
    expect(await inspectPasswordToken(ctx.prisma, '')).toEqual({ state: 'unknown' });
    const row = await ctx.prisma.user.findUniqueOrThrow({ where: { id: agent.id } });
    expect(row.passwordHash.startsWith('unset$')).toBe(true);
  });

  it('a new link (the People page’s reset) voids the earlier ones', async () => {
    const { admin, agent, token: first, email } = await newAgent();
    const second = await issuePasswordLink(ctx.prisma, admin, { userId: agent.id });
    expect(second).toMatchObject({ userId: agent.id, email });
    expect(await inspectPasswordToken(ctx.prisma, first)).toEqual({ state: 'used' });
    expect((await inspectPasswordToken(ctx.prisma, second.token)).state).toBe('valid');
    await consumePasswordToken(ctx.prisma, { token: second.token, password: 'reset password' });
    expect(await signInWithPassword(ctx.prisma, { email, password: 'reset password' }, '10.0.0.4')).toMatchObject({ ok: true });
    await expectDomainError(issuePasswordLink(ctx.prisma, admin, { userId: 'nobody' }), 'NOT_FOUND');
  });

  it('checks the form: length limits and the repeated password', () => {
    expect(() => parseOrThrow(setPasswordSchema, { token: 't', password: 'short', confirm: 'short' })).toThrow();
    expect(() => parseOrThrow(setPasswordSchema, { token: 't', password: 'x'.repeat(201), confirm: 'x'.repeat(201) })).toThrow();
    expect(() => parseOrThrow(setPasswordSchema, { token: 't', password: 'long enough', confirm: 'long enougH' })).toThrow();
    expect(parseOrThrow(setPasswordSchema, { token: 't', password: 'long enough', confirm: 'long enough' })).toMatchObject({ password: 'long enough' });
    expect(setPasswordUrl('https://sb.example/', 'abc_-1')).toBe('https://sb.example/set-password?token=abc_-1');
  });
});
