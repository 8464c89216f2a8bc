import crypto from 'node:crypto';
import type { Db, Tx } from '../db';
import { unitOfWork } from '../db/unit-of-work';
import { hashPassword } from '../auth/password';
import { assertAcceptablePassword } from '../auth/password-policy';
import { rememberAddress } from '../auth/throttle';
import type { PasswordTokenPurpose } from '../generated/prisma/enums';
import { DomainError } from './errors';

// One-time set-password links: the token is in the link only; the database keeps its SHA-256
// (a 256-bit random token needs no slow hash). A new link voids the user's earlier unused ones;
// using one is a guarded update, so two submissions of one link cannot both set a password.

export const PASSWORD_TOKEN_TTL_MS = 72 * 60 * 60 * 1000;
export const SET_PASSWORD_PATH = '/set-password';

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A password hash nobody can sign in with (verifyPassword refuses anything but scrypt$…), for accounts waiting for their link. */
export function unusablePasswordHash(): string {
  return `unset$${crypto.randomBytes(24).toString('base64url')}`;
}

/** Issues a link's token for a user, voiding their earlier unused ones. Run it inside the caller's transaction. */
export async function issuePasswordToken(tx: Tx, userId: string, purpose: PasswordTokenPurpose, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + PASSWORD_TOKEN_TTL_MS);
  await tx.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await tx.passwordToken.create({ data: { userId, hash: hashToken(token), purpose, expiresAt } });
  return { token, expiresAt };
}

/** The absolute link for a token. */
export function setPasswordUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}${SET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`;
}

export type TokenState = { state: 'valid'; email: string; name: string } | { state: 'expired' | 'used' | 'unknown' };

export const TOKEN_MESSAGES: Record<Exclude<TokenState['state'], 'valid'>, string> = {
  expired: 'This link has expired. Ask an administrator for a new one.',
  used: 'This link has already been used (or a newer one was issued). Ask an administrator for a new one.',
  unknown: 'This link is not valid. Check that you copied all of it, or ask an administrator for a new one.',
};

/** What the set-password page says before the form is sent. */
export async function inspectPasswordToken(db: Tx, token: string, now = new Date()): Promise<TokenState> {
  if (!token) return { state: 'unknown' };
  const row = await db.passwordToken.findUnique({ where: { hash: hashToken(token) }, select: { usedAt: true, expiresAt: true, user: { select: { email: true, name: true } } } });
  if (!row) return { state: 'unknown' };
  if (row.usedAt) return { state: 'used' };
  if (row.expiresAt <= now) return { state: 'expired' };
  return { state: 'valid', email: row.user.email, name: row.user.name };
}

/**
 * Uses a link once: sets the user's password, ends their sessions (sessionVersion) and marks the
 * token used, in one transaction. The address it was used from (`ip`, when known) counts as one
 * the user signs in from: the link proved who they are. Answers with the email to sign in with.
 */
export async function consumePasswordToken(db: Db, { token, password }: { token: string; password: string }, now = new Date(), ip?: string): Promise<{ email: string }> {
  // The token first, with one indexed read: the public form must not spend a slow hash on junk.
  const ahead = await inspectPasswordToken(db, token, now);
  if (ahead.state !== 'valid') throw new DomainError('BAD_REQUEST', TOKEN_MESSAGES[ahead.state], { token: [TOKEN_MESSAGES[ahead.state]] });
  assertAcceptablePassword(password, ahead);
  // Hashed before the transaction: scrypt takes a while and must not hold a connection.
  const passwordHash = await hashPassword(password);
  const hash = hashToken(token);
  return unitOfWork(db, async (tx) => {
    const { count } = await tx.passwordToken.updateMany({ where: { hash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (!count) {
      const state = await inspectPasswordToken(tx, token, now);
      const reason = state.state === 'valid' ? 'used' : state.state;
      throw new DomainError('BAD_REQUEST', TOKEN_MESSAGES[reason], { token: [TOKEN_MESSAGES[reason]] });
    }
    const { userId } = await tx.passwordToken.findUniqueOrThrow({ where: { hash }, select: { userId: true } });
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { email: true } });
    // Any other link still open for this user is void once a password is set.
    await tx.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    if (ip) await rememberAddress(tx, userId, ip, now);
    return user;
  });
}
