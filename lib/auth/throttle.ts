import type { Db, Tx } from '../db';
import { unitOfWork } from '../db/unit-of-work';

// Sign-in throttling (OWASP ASVS 5.0 V6.3.1, documented in the README as V6.1.1 asks): growing
// delays, never a hard lockout, counted in the database so the limits hold across restarts and
// app instances. Three keys, each with a number of free failures and then a delay that doubles
// with every further failure, up to a cap:
//   - the (account, address) pair: password guessing from one place, the owner's typos included;
//   - the address: one client spraying many accounts;
//   - the account, counting failures from addresses that never signed in to it: guessing spread
//     over many addresses.
// An address that has signed in to the account before (SignInAddress) is held only to its own
// pair limit, so failures from elsewhere, however many, never keep the owner out there. A refused
// attempt checks no password and counts nothing, so hammering does not lengthen the wait: only
// passwords actually tried do.

export type Limit = { free: number; baseMs: number; capMs: number };

const MINUTE = 60_000;

export const THROTTLE = {
  /** How far back failures count. Long enough that waiting out the cap does not reset the doubling. */
  windowMs: 24 * 60 * MINUTE,
  pair: { free: 5, baseMs: MINUTE, capMs: 15 * MINUTE },
  address: { free: 20, baseMs: MINUTE, capMs: 15 * MINUTE },
  account: { free: 10, baseMs: MINUTE, capMs: 15 * MINUTE },
} satisfies Record<string, Limit | number>;

export type KeyFailures = { failures: number; lastAt: Date | null };

/** What the database knows about one attempt's keys (see `readStats`). */
export type SignInStats = {
  /** Failures of this (account, address) pair since its last success. */
  pair: KeyFailures;
  /** Failures from this address, any account. */
  address: KeyFailures;
  /** Failures on this account from addresses that never signed in to it. */
  account: KeyFailures;
  /** This address has signed in to this account before. */
  knownAddress: boolean;
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAt: Date; retryAfterMs: number; limit: 'pair' | 'address' | 'account' };

/** The wait after `failures` failures on one key: none while free, then base × 2ⁿ, capped. */
export function delayAfter(failures: number, limit: Limit): number {
  if (failures < limit.free) return 0;
  return Math.min(limit.baseMs * 2 ** Math.min(failures - limit.free, 30), limit.capMs);
}

/** The decision, from the counts alone: may this attempt check a password now, or when may it? */
export function decideSignIn(stats: SignInStats, now: Date): ThrottleDecision {
  const keys: ['pair' | 'address' | 'account', KeyFailures, Limit][] = [['pair', stats.pair, THROTTLE.pair]];
  if (!stats.knownAddress) keys.push(['address', stats.address, THROTTLE.address], ['account', stats.account, THROTTLE.account]);
  let worst: ThrottleDecision = { allowed: true };
  for (const [name, key, limit] of keys) {
    const wait = delayAfter(key.failures, limit);
    if (!wait || !key.lastAt) continue;
    const retryAt = new Date(key.lastAt.getTime() + wait);
    const retryAfterMs = retryAt.getTime() - now.getTime();
    if (retryAfterMs > 0 && (worst.allowed || retryAfterMs > worst.retryAfterMs)) worst = { allowed: false, retryAt, retryAfterMs, limit: name };
  }
  return worst;
}

/** "Too many attempts. Try again in 2 minutes." — what the sign-in page shows, in whole minutes rounded up. */
export function retryMessage(retryAfterMs: number): string {
  const m = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts. Try again in ${m} minute${m === 1 ? '' : 's'}.`;
}

/**
 * The key an address is counted under: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64 and could otherwise rotate through it).
 */
export function addressKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return ip;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

// Two advisory-lock namespaces (the first key of pg_advisory_xact_lock(int, int)): attempts from
// one address, and attempts on one account, are counted one at a time, so parallel guesses cannot
// all pass a check that none of them has been counted in yet. Always the address first, then the
// account: one order, no deadlock.
const ADDRESS_LOCK = 0x5349_4e41; // 'SINA'
const ACCOUNT_LOCK = 0x5349_4e45; // 'SINE'

type StatsRow = {
  pair_n: bigint | number;
  pair_last: Date | null;
  address_n: bigint | number;
  address_last: Date | null;
  account_n: bigint | number;
  account_last: Date | null;
  known: boolean;
};

/** The counts behind `decideSignIn`, in one statement. */
export async function readStats(tx: Tx, email: string, ip: string, now: Date): Promise<SignInStats> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const [row] = await tx.$queryRaw<StatsRow[]>`
    WITH known AS (
      SELECT a.ip, a."lastSuccessAt" FROM "SignInAddress" a JOIN "User" u ON u.id = a."userId" WHERE u.email = ${email}
    ), here AS (
      SELECT "lastSuccessAt" FROM known WHERE ip = ${ip}
    ), recent AS (
      SELECT email, ip, "createdAt" FROM "SignInAttempt" WHERE (email = ${email} OR ip = ${ip}) AND "createdAt" > ${since}
    )
    SELECT
      count(*) FILTER (WHERE r.email = ${email} AND r.ip = ${ip} AND r."createdAt" > COALESCE((SELECT "lastSuccessAt" FROM here), ${since})) AS pair_n,
      max(r."createdAt") FILTER (WHERE r.email = ${email} AND r.ip = ${ip} AND r."createdAt" > COALESCE((SELECT "lastSuccessAt" FROM here), ${since})) AS pair_last,
      count(*) FILTER (WHERE r.ip = ${ip}) AS address_n,
      max(r."createdAt") FILTER (WHERE r.ip = ${ip}) AS address_last,
      count(*) FILTER (WHERE r.email = ${email} AND r.ip NOT IN (SELECT ip FROM known)) AS account_n,
      max(r."createdAt") FILTER (WHERE r.email = ${email} AND r.ip NOT IN (SELECT ip FROM known)) AS account_last,
      EXISTS (SELECT 1 FROM here) AS known
    FROM recent r`;
  const key = (n: bigint | number, last: Date | null): KeyFailures => ({ failures: Number(n), lastAt: last && new Date(last) });
  return {
    pair: key(row.pair_n, row.pair_last),
    address: key(row.address_n, row.address_last),
    account: key(row.account_n, row.account_last),
    knownAddress: row.known,
  };
}

export type Reservation = { allowed: true; attemptId: string } | { allowed: false; retryAfterMs: number; message: string };

/**
 * Before a password is checked: decides, and when allowed records the attempt as a failure at
 * once (under the locks), so that a burst of parallel guesses is counted guess by guess. `settle`
 * removes the record when the password was right.
 */
export async function reserveAttempt(db: Db, email: string, ip: string, now = new Date()): Promise<Reservation> {
  const address = addressKey(ip);
  return unitOfWork(db, async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${ADDRESS_LOCK}::int, hashtext(${address}))::text AS locked`;
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${ACCOUNT_LOCK}::int, hashtext(${email}))::text AS locked`;
    const decision = decideSignIn(await readStats(tx, email, address, now), now);
    if (!decision.allowed) return { allowed: false, retryAfterMs: decision.retryAfterMs, message: retryMessage(decision.retryAfterMs) };
    // Rows past the window count for nothing: this account's and this address's go as they age.
    const since = new Date(now.getTime() - THROTTLE.windowMs);
    await tx.signInAttempt.deleteMany({ where: { OR: [{ email }, { ip: address }], createdAt: { lte: since } } });
    const { id } = await tx.signInAttempt.create({ data: { email, ip: address, createdAt: now }, select: { id: true } });
    return { allowed: true, attemptId: id };
  });
}

/** After the check: a right password forgets the attempt and remembers the address for the user. */
export async function settleAttempt(db: Db | Tx, attemptId: string, success: { userId: string; ip: string } | null, now = new Date()): Promise<void> {
  if (!success) return; // the failure stays recorded
  await db.signInAttempt.deleteMany({ where: { id: attemptId } });
  await rememberAddress(db, success.userId, success.ip, now);
}

/** Marks an address as one the user signs in from (a success, or a set-password link used there). */
export async function rememberAddress(db: Db | Tx, userId: string, ip: string, now = new Date()): Promise<void> {
  const address = addressKey(ip);
  await db.signInAddress.upsert({
    where: { userId_ip: { userId, ip: address } },
    create: { userId, ip: address, lastSuccessAt: now },
    update: { lastSuccessAt: now },
  });
}
