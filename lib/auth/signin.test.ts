import { beforeEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine, resetDb } from '../test/db';
import { hashPassword } from './password';
import { BAD_CREDENTIALS, signInWithPassword } from './signin';
import { addressKey, decideSignIn, delayAfter, reserveAttempt, retryMessage, THROTTLE, type SignInStats } from './throttle';

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

describe('the throttle decision', () => {
  const none = { failures: 0, lastAt: null };
  const now = new Date('2026-12-03T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const stats = (s: Partial<SignInStats>): SignInStats => ({ pair: none, address: none, account: none, knownAddress: false, ...s });

  it('lets the free failures through, then doubles the delay with every failure, up to the cap', () => {
    const { free, baseMs, capMs } = THROTTLE.pair;
    expect(delayAfter(free - 1, THROTTLE.pair)).toBe(0);
    expect([0, 1, 2, 3].map((n) => delayAfter(free + n, THROTTLE.pair))).toEqual([baseMs, 2 * baseMs, 4 * baseMs, 8 * baseMs]);
    expect(delayAfter(free + 50, THROTTLE.pair)).toBe(capMs);
    expect(capMs).toBe(15 * MINUTE);
  });

  it('refuses until the last failure plus the delay, and names the key', () => {
    const pair = { failures: THROTTLE.pair.free + 1, lastAt: ago(30_000) }; // 2 minutes after the last
    expect(decideSignIn(stats({ pair }), now)).toEqual({ allowed: false, retryAt: new Date(now.getTime() + 90_000), retryAfterMs: 90_000, limit: 'pair' });
    expect(decideSignIn(stats({ pair: { ...pair, lastAt: ago(2 * MINUTE) } }), now)).toEqual({ allowed: true });
  });

  it('holds an address that signed in to the account before only to its own pair limit', () => {
    const flood = { failures: 500, lastAt: ago(1000) };
    expect(decideSignIn(stats({ address: flood, account: flood }), now)).toMatchObject({ allowed: false });
    expect(decideSignIn(stats({ address: flood, account: flood, knownAddress: true }), now)).toEqual({ allowed: true });
    expect(decideSignIn(stats({ address: flood, account: flood, knownAddress: true, pair: flood }), now)).toMatchObject({ allowed: false, limit: 'pair' });
  });

  it('says when to try again in plain words', () => {
    expect(retryMessage(2 * MINUTE)).toBe('Too many attempts. Try again in 2 minutes.');
    expect(retryMessage(61_000)).toBe('Too many attempts. Try again in 2 minutes.');
    expect(retryMessage(MINUTE)).toBe('Too many attempts. Try again in 1 minute.');
    expect(retryMessage(45_200)).toBe('Too many attempts. Try again in 1 minute.');
    expect(retryMessage(14 * MINUTE + 1)).toBe('Too many attempts. Try again in 15 minutes.');
  });

  it('counts an IPv6 address by its /64 and an IPv4 address as it is', () => {
    expect(addressKey('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(addressKey('2001:db8:aa:bb::99')).toBe('2001:db8:aa:bb::/64');
    expect(addressKey('2001:0db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('unknown')).toBe('unknown');
  });
});

describeEachEngine('signInWithPassword', (ctx) => {
  const signIn = (input: unknown, ip = IP) => signInWithPassword(ctx.prisma, input, ip);
  const failures = (where: { email?: string; ip?: string }) => ctx.prisma.signInAttempt.count({ where });

  async function failMany(emails: string[], ip = IP) {
    for (const email of emails) expect(await signIn({ email, password: 'wrong' }, ip)).toEqual({ ok: false, error: BAD_CREDENTIALS });
  }

  async function oldFailures(email: string, count: number, age: number, ip = IP) {
    const createdAt = new Date(Date.now() - age);
    await ctx.prisma.signInAttempt.createMany({ data: Array.from({ length: count }, () => ({ email, ip, createdAt })) });
  }

  beforeEach(async () => {
    await resetDb(ctx.prisma);
  });

  it('signs in with the right password, marks the user ONLINE and remembers the address', async () => {
    const user = await createUser(ctx.prisma, 'ana@example.com');
    expect(user.availability).toBe('OFFLINE');
    const before = Date.now();

    const result = await signIn({ email: 'ana@example.com', password: PASSWORD });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: 'ana@example.com', name: 'ana', role: 'AGENT', sessionVersion: 0 } });

    const after = await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.availability).toBe('ONLINE');
    expect(after.lastSeenAt?.getTime()).toBeGreaterThanOrEqual(before);
    expect(after.availabilityChangedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(await ctx.prisma.signInAddress.findMany({ select: { userId: true, ip: true } })).toEqual([{ userId: user.id, ip: IP }]);
    expect(await ctx.prisma.signInAttempt.count()).toBe(0);
  });

  it('refuses a wrong password and an unknown email with the same words, and counts both', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    expect(await signIn({ email: 'ana@example.com', password: 'nope' })).toEqual({ ok: false, error: BAD_CREDENTIALS });
    expect(await signIn({ email: 'nobody@example.com', password: PASSWORD })).toEqual({ ok: false, error: BAD_CREDENTIALS });
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
    expect(await ctx.prisma.signInAddress.count()).toBe(0);
  });

  it('slows one (account, address) pair after its free failures; a refused attempt checks nothing and counts nothing', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    await failMany(Array(THROTTLE.pair.free).fill('ana@example.com'));

    const refused = await signIn({ email: 'ana@example.com', password: PASSWORD });
    expect(refused).toMatchObject({ ok: false, error: 'Too many attempts. Try again in 1 minute.' });
    expect(await failures({ email: 'ana@example.com' })).toBe(THROTTLE.pair.free);
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'ana@example.com' } })).availability).toBe('OFFLINE');
    // Another address is not that pair: the owner elsewhere signs in.
    expect((await signIn({ email: 'ana@example.com', password: PASSWORD }, OTHER_IP)).ok).toBe(true);
  });

  it('the delays grow: 1, 2, 4 minutes after each further failure', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    const t0 = Date.now();
    const at = (min: number) => new Date(t0 + min * MINUTE);
    const reserve = (min: number) => reserveAttempt(ctx.prisma, 'ana@example.com', IP, at(min));
    for (let i = 0; i < THROTTLE.pair.free; i++) expect(await reserve(0)).toMatchObject({ allowed: true });

    const waits: string[] = [];
    let t = 0;
    for (const delay of [1, 2, 4]) {
      const refused = await reserve(t);
      expect(refused).toMatchObject({ allowed: false, retryAfterMs: delay * MINUTE });
      if (!refused.allowed) waits.push(refused.message);
      expect(await reserve(t + delay - 0.5)).toMatchObject({ allowed: false });
      t += delay;
      expect(await reserve(t)).toMatchObject({ allowed: true }); // tried, and wrong again
    }
    expect(waits).toEqual(['Too many attempts. Try again in 1 minute.', 'Too many attempts. Try again in 2 minutes.', 'Too many attempts. Try again in 4 minutes.']);
    expect(await reserve(t)).toMatchObject({ allowed: false, retryAfterMs: 8 * MINUTE });
  });

  it('a victim is not locked out by someone else’s failures: rotating addresses cannot keep the owner out', async () => {
    const admin = await createUser(ctx.prisma, 'admin@example.com');
    // The owner has signed in from their address before.
    expect((await signIn({ email: 'admin@example.com', password: PASSWORD }, IP)).ok).toBe(true);
    // An attacker tries the admin's email from 40 addresses, 3 guesses each.
    const answers: string[] = [];
    for (let i = 1; i <= 40; i++) {
      for (let j = 0; j < 3; j++) {
        const r = await signIn({ email: 'admin@example.com', password: `guess-${i}-${j}` }, `198.51.100.${i}`);
        answers.push(r.ok ? 'ok' : r.error);
      }
    }
    // Only the account's free failures were tried; every other guess was refused unchecked.
    expect(answers.filter((a) => a === BAD_CREDENTIALS)).toHaveLength(THROTTLE.account.free);
    expect(answers.filter((a) => a.startsWith('Too many attempts. Try again in '))).toHaveLength(120 - THROTTLE.account.free);
    // A new address is slowed by the account-wide limit…
    expect(await signIn({ email: 'admin@example.com', password: PASSWORD }, '192.0.2.200')).toMatchObject({ ok: false, error: expect.stringMatching(/^Too many attempts\. Try again in \d+ minutes?\.$/) });
    // …the owner's own address is not, right password first time.
    expect(await signIn({ email: 'admin@example.com', password: PASSWORD }, IP)).toMatchObject({ ok: true, user: { id: admin.id } });
  });

  it('one address spraying many accounts is slowed for new accounts, not for people who sign in there', async () => {
    const dara = await createUser(ctx.prisma, 'dara@example.com');
    await createUser(ctx.prisma, 'bo@example.com');
    // The case: every client without a header shared one address, "unknown".
    const shared = 'unknown';
    expect((await signIn({ email: 'dara@example.com', password: PASSWORD }, shared)).ok).toBe(true);
    await failMany(Array.from({ length: THROTTLE.address.free }, (_, i) => `spray${i}@example.com`), shared);
    expect(await signIn({ email: 'spray-more@example.com', password: 'x' }, shared)).toMatchObject({ ok: false, error: 'Too many attempts. Try again in 1 minute.' });

    expect(await signIn({ email: 'bo@example.com', password: PASSWORD }, shared)).toMatchObject({ ok: false, error: 'Too many attempts. Try again in 1 minute.' });
    // The right password for dara, who signed in from there before, still works.
    expect(await signIn({ email: 'dara@example.com', password: PASSWORD }, shared)).toMatchObject({ ok: true, user: { id: dara.id } });
    expect((await signIn({ email: 'bo@example.com', password: PASSWORD }, OTHER_IP)).ok).toBe(true);
  });

  it('counts an IPv6 /64 as one address, so rotating within it does not help', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    for (let i = 1; i <= THROTTLE.pair.free; i++) await failMany(['ana@example.com'], `2001:db8:1:2::${i.toString(16)}`);
    expect(await signIn({ email: 'ana@example.com', password: PASSWORD }, '2001:db8:1:2:ffff::1')).toMatchObject({ ok: false, error: 'Too many attempts. Try again in 1 minute.' });
    expect((await signIn({ email: 'ana@example.com', password: PASSWORD }, '2001:db8:1:3::1')).ok).toBe(true);
  });

  it('counts parallel guesses one by one: no burst gets more than the free tries', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    const results = await Promise.all(Array.from({ length: 12 }, () => signIn({ email: 'ana@example.com', password: 'guess' })));
    expect(results.filter((r) => !r.ok && r.error === BAD_CREDENTIALS)).toHaveLength(THROTTLE.pair.free);
    expect(results.filter((r) => !r.ok && r.error.startsWith('Too many attempts'))).toHaveLength(12 - THROTTLE.pair.free);
    expect(await failures({ email: 'ana@example.com' })).toBe(THROTTLE.pair.free);
  });

  it('forgets failures older than the window', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    await oldFailures('ana@example.com', 50, THROTTLE.windowMs + MINUTE);
    expect((await signIn({ email: 'ana@example.com', password: PASSWORD })).ok).toBe(true);
    expect(await ctx.prisma.signInAttempt.count()).toBe(0);
  });

  it('a success starts the pair afresh', async () => {
    await createUser(ctx.prisma, 'ana@example.com');
    await failMany(Array(THROTTLE.pair.free - 1).fill('ana@example.com'));
    expect((await signIn({ email: 'ana@example.com', password: PASSWORD })).ok).toBe(true);
    // Had the first ones still counted, these would pass the free tries.
    await failMany(Array(THROTTLE.pair.free - 1).fill('ana@example.com'));
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
