import type { Db } from '../db';
import type { Role } from '../generated/prisma/enums';
import { signInSchema } from '../validation/auth';
import { reserveAttempt, settleAttempt } from './throttle';
import { publishNow } from '../realtime/outbox';
import { drainFor } from '../domain/presence';
import { DUMMY_HASH, verifyPassword } from './password';

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; error: string; retryAfterMs?: number };

export const BAD_CREDENTIALS = 'Wrong email or password.';

/**
 * Checks credentials with throttling (lib/auth/throttle.ts); on success marks the user ONLINE
 * (SPEC §4: signing in sets ONLINE) and connected. `ip` is the client address scripts/server.mjs
 * decided from the socket (lib/auth/options.ts reads it).
 */
export async function signInWithPassword(db: Db, input: unknown, ip: string): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'Enter your email and password.' };
  const email = parsed.data.email.toLowerCase();

  // Counted before the password is checked, so parallel guesses cannot slip past the limit.
  const attempt = await reserveAttempt(db, email, ip);
  if (!attempt.allowed) return { ok: false, error: attempt.message, retryAfterMs: attempt.retryAfterMs };

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid) return { ok: false, error: BAD_CREDENTIALS };
  // The right password of a disabled account stays counted as a failure: it opens nothing.
  if (!user.enabled) return { ok: false, error: 'This account is disabled. Ask an administrator.' };
  await settleAttempt(db, attempt.attemptId, { userId: user.id, ip });
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
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}
