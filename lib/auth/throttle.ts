import type { Tx } from '../db';

// Failed sign-ins are counted in the database (not in memory) so the limit holds across
// restarts and app instances. Per email it stops password guessing on one account; per IP it
// stops one client spraying many accounts.
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxPerEmail: 10,
  maxPerIp: 30,
};

export type ThrottleState = { blocked: false } | { blocked: true; retryAfterMs: number };

export async function checkThrottle(db: Tx, email: string, ip: string, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const [byEmail, byIp] = await Promise.all([
    db.signInAttempt.findMany({
      where: { email, success: false, createdAt: { gte: since } },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    }),
    db.signInAttempt.findMany({
      where: { ip, success: false, createdAt: { gte: since } },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    }),
  ]);
  const retry = (list: { createdAt: Date }[], max: number) =>
    list.length >= max ? list[list.length - max].createdAt.getTime() + THROTTLE.windowMs - now.getTime() : 0;
  const retryAfterMs = Math.max(retry(byEmail, THROTTLE.maxPerEmail), retry(byIp, THROTTLE.maxPerIp));
  return retryAfterMs > 0 ? { blocked: true, retryAfterMs } : { blocked: false };
}

export async function recordAttempt(db: Tx, email: string, ip: string, success: boolean): Promise<void> {
  await db.signInAttempt.create({ data: { email, ip, success } });
  if (success) {
    // A successful sign-in forgives the account's earlier failures.
    await db.signInAttempt.deleteMany({ where: { email, success: false } });
  }
}
