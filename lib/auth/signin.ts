import type { Db } from '../db';
import type { Role } from '../generated/prisma/enums';
import { signInSchema } from '../validation/auth';
import { checkThrottle, recordAttempt } from './throttle';
import { publishNow } from '../realtime/outbox';
import { drainFor } from '../domain/presence';
import { DUMMY_HASH, verifyPassword } from './password';

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; error: string };

export const BAD_CREDENTIALS = 'Wrong email or password.';

/** Checks credentials with throttling; on success marks the user ONLINE (SPEC §4: signing in sets ONLINE) and connected. */
export async function signInWithPassword(db: Db, input: unknown, ip: string): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'Enter your email and password.' };
  const email = parsed.data.email.toLowerCase();

  const throttle = await checkThrottle(db, email, ip);
  if (throttle.blocked) {
    const minutes = Math.max(1, Math.ceil(throttle.retryAfterMs / 60000));
    return { ok: false, error: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
  }

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid) {
    await recordAttempt(db, email, ip, false);
    return { ok: false, error: BAD_CREDENTIALS };
  }
  if (!user.enabled) {
    await recordAttempt(db, email, ip, false);
    return { ok: false, error: 'This account is disabled. Ask an administrator.' };
  }
  await recordAttempt(db, email, ip, true);
  const now = new Date();
  await db.user.update({
    where: { id: user.id },
    data: { availability: 'ONLINE', status: 'ACTIVE', availabilityChangedAt: now, lastSeenAt: now, disconnectedAt: null },
  });
  // Signing in proves presence: whoever was not ONLINE, or was away — disconnected, can take work now.
  if (user.availability !== 'ONLINE' || user.disconnectedAt) {
    await publishNow([{ type: 'agent', id: user.id, availability: 'ONLINE' }]);
    await drainFor(db, user.id);
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
