import type { Db, Tx } from '../db';
import type { Actor } from '../access/actor';
import { hashPassword, verifyPassword } from '../auth/password';
import { assertAcceptablePassword } from '../auth/password-policy';
import { reserveAttempt, settleAttempt } from '../auth/throttle';
import type { ChangeOwnPasswordInput } from '../validation/auth';
import { DomainError } from './errors';
import { unusablePasswordHash } from './password-tokens';

// A password change of any kind (a set-password link used, one's own change, an admin's reset)
// raises User.sessionVersion: every session signed in before it ends on its next request
// (lib/auth/session.ts). Only one's own change keeps the session it was made from (its action
// re-issues that cookie).

/**
 * An admin's reset, inside the transaction that issues the link: the old password stops working
 * at once, every session of the user ends, and the addresses they signed in from are forgotten
 * (whoever took the account over may have signed in from one of them).
 */
export async function voidPasswordForReset(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { passwordHash: unusablePasswordHash(), sessionVersion: { increment: 1 } } });
  await tx.signInAddress.deleteMany({ where: { userId } });
}

export const WRONG_CURRENT = 'That is not your current password.';

/**
 * One's own change (the profile page): the current password first, throttled like a sign-in (a
 * session left open on a shared computer must not be a way to guess it), then the new one, which
 * passes the same policy as any other. Answers with the new sessionVersion for the caller's cookie.
 */
export async function changeOwnPassword(db: Db, actor: Actor, { currentPassword, newPassword }: ChangeOwnPasswordInput, ip: string): Promise<{ sessionVersion: number }> {
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only a signed-in person changes their own password.');
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true } });
  if (!user) throw new DomainError('NOT_FOUND', 'User not found.');
  // The new password's checks reveal nothing about the current one, so they come first and cost no attempt.
  assertAcceptablePassword(newPassword, user, 'newPassword');
  if (newPassword === currentPassword) {
    throw new DomainError('BAD_REQUEST', 'The new password is the same as the current one.', { newPassword: ['Choose a password different from the current one.'] });
  }

  const attempt = await reserveAttempt(db, user.email, ip);
  if (!attempt.allowed) throw new DomainError('BAD_REQUEST', attempt.message, { currentPassword: [attempt.message] });
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new DomainError('BAD_REQUEST', WRONG_CURRENT, { currentPassword: [WRONG_CURRENT] });
  await settleAttempt(db, attempt.attemptId, { userId: user.id, ip });

  const passwordHash = await hashPassword(newPassword);
  // Guarded: a reset or another change since the read wins, and this one changes nothing.
  const { count } = await db.user.updateMany({
    where: { id: user.id, sessionVersion: user.sessionVersion, passwordHash: user.passwordHash },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  if (!count) throw new DomainError('CONFLICT', 'Your password was changed or reset meanwhile. Sign in again.');
  // A reset link still open would undo this change: it goes too.
  await db.passwordToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
  return { sessionVersion: user.sessionVersion + 1 };
}
