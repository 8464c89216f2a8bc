import { beforeEach, expect, it } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine, resetDb } from '../test/db';
import { hashPassword } from './password';
import { BAD_CREDENTIALS, signInWithPassword } from './signin';

const PASSWORD = 'correct-horse-9';
const IP = '203.0.113.7';
const OTHER_IP = '198.51.100.4';
const INVALID_INPUT = 'Enter your email and password.';
const DISABLED = 'This account is disabled. Ask an administrator.';
const MINUTE = 60_000;

// scrypt is deliberately slow; one hash serves every user.
const hashed = hashPassword(PASSWORD);

async function createUser(prisma: PrismaClient, email: string, enabled = true) {
  return prisma.user.create({ data: { email, name: email.split('@')[0], passwordHash: await hashed, enabled } });
}

describeEachEngine('signInWithPassword', (ctx) => {
  const signIn = (input: unknown, ip = IP) => signInWithPassword(ctx.prisma, input, ip);
  const failures = (where: { email?: string; ip?: string }) => ctx.prisma.signInAttempt.count({ where: { ...where, success: false } });

  async function failMany(emails: string[], ip = IP) {
    for (const email of emails) expect((await signIn({ email, password: 'wrong' }, ip)).ok).toBe(false);
  }

  async function oldFailures(email: string, count: number, age: number) {
    const createdAt = new Date(Date.now() - age);
    await ctx.prisma.signInAttempt.createMany({ data: Array.from({ length: count }, () => ({ email, ip: IP, success: false, createdAt })) });
  }

  beforeEach(async () => {
    await resetDb(ctx.prisma);
  });

  it('signs in with the right password and marks the user ONLINE', async () => {
    const user = await createUser(ctx.prisma, 'ana@example.com');
    expect(user.availability).toBe('OFFLINE');
    const before = Date.now();

    const result = await signIn({ email: 'ana@example.com', password: PASSWORD });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: 'ana@example.com', name: 'ana', role: 'AGENT' } });

    const after = await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.availability).toBe('ONLINE');
    expect(after.lastSeenAt?.getTime()).toBeGreaterThanOrEqual(before);
    expect(after.availabilityChangedAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('refuses a wrong password and an unknown email with the same words', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    expect(await signIn({ email: 'ana@example.com', password: 'nope' })).toEqual({ ok: false, error: BAD_CREDENTIALS });
    expect(await signIn({ email: 'nobody@example.com', password: PASSWORD })).toEqual({ ok: false, error: BAD_CREDENTIALS });
    expect(BAD_CREDENTIALS).toBe('Wrong email or password.');
    expect(await failures({ ip: IP })).toBe(2);
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'ana@example.com' } })).availability).toBe('OFFLINE');
  });

  it('treats the email case-insensitively and ignores surrounding spaces', async () => {
    const user = await createUser(ctx.prisma, 'ana@example.com');
    const result = await signIn({ email: '  Ana@Example.COM ', password: PASSWORD });
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it('refuses a disabled user with the disabled message and leaves them offline', async () => {
    await createUser(ctx.prisma, 'gone@example.com', false);
    expect(await signIn({ email: 'gone@example.com', password: PASSWORD })).toEqual({ ok: false, error: DISABLED });
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'gone@example.com' } })).availability).toBe('OFFLINE');
  });

  it('blocks an email after 10 failures, even with the right password, but not other accounts', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    await createUser(ctx.prisma, 'bo@example.com');
    await failMany(Array(10).fill('ana@example.com'));

    const blocked = await signIn({ email: 'ana@example.com', password: PASSWORD });
    expect(blocked).toEqual({ ok: false, error: 'Too many failed sign-ins. Try again in 15 minutes.' });
    // The block is per account: another address does not lift it.
    expect((await signIn({ email: 'ana@example.com', password: PASSWORD }, OTHER_IP)).ok).toBe(false);
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'ana@example.com' } })).availability).toBe('OFFLINE');

    expect((await signIn({ email: 'bo@example.com', password: PASSWORD }, OTHER_IP)).ok).toBe(true);
  });

  it('does not block after 9 failures', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    await failMany(Array(9).fill('ana@example.com'));
    expect((await signIn({ email: 'ana@example.com', password: PASSWORD })).ok).toBe(true);
  });

  it('blocks an IP after failures across 30 different emails', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    await failMany(Array.from({ length: 30 }, (_, i) => `spray${i}@example.com`));

    const blocked = await signIn({ email: 'ana@example.com', password: PASSWORD });
    expect(blocked).toMatchObject({ ok: false, error: expect.stringMatching(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/) });
    expect((await signIn({ email: 'ana@example.com', password: PASSWORD }, OTHER_IP)).ok).toBe(true);
  });

  it('forgets failures older than the 15-minute window', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    await oldFailures('ana@example.com', 10, 16 * MINUTE);
    expect((await signIn({ email: 'ana@example.com', password: PASSWORD })).ok).toBe(true);
  });

  it('counts failures inside the window and says when the block ends', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    await oldFailures('ana@example.com', 10, 14 * MINUTE);
    expect(await signIn({ email: 'ana@example.com', password: PASSWORD })).toEqual({
      ok: false,
      error: 'Too many failed sign-ins. Try again in 1 minute.',
    });
  });

  it('clears earlier failures for the email on success', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    await failMany(Array(9).fill('ana@example.com'));
    expect((await signIn({ email: 'ana@example.com', password: PASSWORD })).ok).toBe(true);
    expect(await failures({ email: 'ana@example.com' })).toBe(0);

    // Had the first nine been kept, these would make 18 and block the account.
    await failMany(Array(9).fill('ana@example.com'));
    expect((await signIn({ email: 'ana@example.com', password: PASSWORD })).ok).toBe(true);
  });

  it('rejects malformed input without recording an attempt', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    for (const input of [
      { email: 'ana@example.com' },
      { email: 'ana@example.com', password: '' },
      { email: 'not-an-email', password: PASSWORD },
      { password: PASSWORD },
      {},
      null,
      'ana@example.com',
    ]) {
      expect(await signIn(input), JSON.stringify(input)).toEqual({ ok: false, error: INVALID_INPUT });
    }
    expect(await ctx.prisma.signInAttempt.count()).toBe(0);
  });
});
