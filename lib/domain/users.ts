import type { Db, Tx } from '../db';
import { isUniqueViolation } from '../db/sql';
import type { Actor } from '../access/actor';
import { hashPassword } from '../auth/password';
import type { Role } from '../generated/prisma/enums';
import { setAvailability } from './presence';
import type { NewUser, SetUserEnabledInput, SetUserRoleInput } from '../validation/admin';
import { DomainError } from './errors';
import type { ReassignResult } from './assignment/reassign';
import { emit } from '../realtime/outbox';
import { audit } from './audit';
import { unitOfWork } from '../db/unit-of-work';
import { issuePasswordToken } from './password-tokens';
import { assertAcceptablePassword } from '../auth/password-policy';
import { voidPasswordForReset } from './passwords';

// Every function here needs users.manage, which the registry checks before it runs them.

/** A new account that can sign in at once with the initial password; it starts OFFLINE. */
export async function createUser(db: Db, actor: Actor, data: NewUser): Promise<{ id: string; name: string; email: string; role: Role }> {
  const taken = () => new DomainError('CONFLICT', `Someone already signs in with ${data.email}.`, { email: ['Another account already uses this email.'] });
  assertAcceptablePassword(data.password, data);
  if (await db.user.findUnique({ where: { email: data.email }, select: { id: true } })) throw taken();
  // Hashed before the transaction: the slow hash holds no connection.
  const passwordHash = await hashPassword(data.password);
  try {
    return await unitOfWork(db, async (tx) => {
      const user = await tx.user.create({
        data: { name: data.name, email: data.email, role: data.role, passwordHash },
        select: { id: true, name: true, email: true, role: true },
      });
      await audit(tx, actor, { entity: 'USER', entityId: user.id, entityName: user.name, action: 'create', after: { name: user.name, email: user.email, role: user.role } });
      emit(tx, { type: 'users', id: user.id });
      return user;
    });
  } catch (e) {
    // Two admins creating the same email at once: the unique index decides.
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
}

/** Changes a role. An admin cannot take away their own admin role: nobody could give it back from this console. */
export async function setUserRole(db: Db, actor: Actor, { userId, role: next }: SetUserRoleInput): Promise<{ id: string; role: Role }> {
  if (isSelf(actor, userId) && next !== 'ADMIN') {
    throw new DomainError('BAD_REQUEST', 'You cannot remove your own admin role. Ask another admin.', { role: ['Not for yourself.'] });
  }
  return unitOfWork(db, async (tx) => {
    const before = await lockUser(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role: next }, select: { id: true } });
    await audit(tx, actor, { entity: 'USER', entityId: userId, entityName: before.name, action: 'role.change', before: { role: before.role }, after: { role: next } });
    // A role decides what the user may see (and what their keys may do): their open streams re-read it.
    emit(tx, { type: 'users', id: userId });
    emit(tx, { type: 'scope', userIds: [userId] });
    return { id: userId, role: next };
  });
}

/**
 * Enables or disables an account. A disabled user is signed out on their next request (sessions
 * re-read `enabled`), set OFFLINE and their open conversations handed on (SPEC §4).
 */
export async function setUserEnabled(db: Db, actor: Actor, { userId, enabled }: SetUserEnabledInput): Promise<{ id: string; enabled: boolean; reassigned: ReassignResult | null }> {
  if (isSelf(actor, userId) && !enabled) {
    throw new DomainError('BAD_REQUEST', 'You cannot disable your own account. Ask another admin.', { enabled: ['Not for yourself.'] });
  }
  await unitOfWork(db, async (tx) => {
    const before = await lockUser(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { enabled }, select: { id: true } });
    // Disabling also refuses the user's API keys (lib/auth/api-keys.ts), for as long as it lasts.
    const action = enabled ? 'enable' : 'disable';
    await audit(tx, actor, { entity: 'USER', entityId: userId, entityName: before.name, action, before: { enabled: before.enabled }, after: { enabled } });
    // A disabled user's open streams end at once rather than at their next request.
    emit(tx, { type: 'users', id: userId });
    emit(tx, { type: 'scope', userIds: [userId] });
  });
  // Disabled first, so the round robin that follows never picks them again.
  const reassigned = enabled ? null : await setAvailability(db, userId, 'OFFLINE', 'was disabled');
  return { id: userId, enabled, reassigned };
}

/**
 * An admin's password reset (the People page's "Reset password"): a new one-time set-password
 * link, and at once the old password stops working and every session of the user ends
 * (lib/domain/passwords.ts). Also how an account made over the API gets its first password.
 * Earlier unused links of the user stop working. Answers with the token, shown once, never stored.
 */
export async function issuePasswordLink(db: Db, actor: Actor, { userId }: { userId: string }): Promise<{ userId: string; email: string; token: string; expiresAt: Date }> {
  if (isSelf(actor, userId)) {
    throw new DomainError('BAD_REQUEST', 'Change your own password on your profile page.', { userId: ['Not for yourself.'] });
  }
  return unitOfWork(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) throw new DomainError('NOT_FOUND', 'User not found.');
    await voidPasswordForReset(tx, user.id);
    const { token, expiresAt } = await issuePasswordToken(tx, user.id, 'RESET');
    // Never the token: the entry says a link was made, and until when it works.
    await audit(tx, actor, { entity: 'USER', entityId: user.id, entityName: user.email, action: 'passwordLink.issue', after: { expiresAt } });
    return { userId: user.id, email: user.email, token, expiresAt };
  });
}

/** The user's row locked against another change, as it was before this one. */
async function lockUser(tx: Tx, userId: string): Promise<{ name: string; role: Role; enabled: boolean }> {
  const [row] = await tx.$queryRaw<{ name: string; role: Role; enabled: boolean }[]>`
    SELECT name, role::text AS role, enabled FROM "User" WHERE id = ${userId} FOR NO KEY UPDATE`;
  if (!row) throw new DomainError('NOT_FOUND', 'User not found.');
  return row;
}

function isSelf(actor: Actor, userId: string): boolean {
  return (actor.kind === 'user' && actor.id === userId) || (actor.kind === 'apiKey' && actor.userId === userId);
}
