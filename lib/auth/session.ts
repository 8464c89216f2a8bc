import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { headers } from 'next/headers';
import type { Availability, Role } from '../generated/prisma/enums';
import { db } from '../db';
import { authOptions } from './options';
import { AuthError, type Actor } from '../access/actor';
import { can, hasRole, type Permission } from '../access/roles';

export type UserActor = Extract<Actor, { kind: 'user' }>;
/** The actor plus what the console shows about the signed-in person. */
export type SessionUser = UserActor & { availability: Availability; disconnected: boolean; sessionVersion: number };

/** The signed-in user as an actor, re-read from the database (once per request), or null. */
export const getSessionActor = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(authOptions)) as { userId?: string; sessionVersion?: number } | null;
  if (!session?.userId) return null;
  const user = await db().user.findUnique({
    where: { id: session.userId },
    select: { id: true, role: true, name: true, email: true, enabled: true, availability: true, disconnectedAt: true, sessionVersion: true },
  });
  if (!user || !user.enabled || !sessionIsCurrent(session.sessionVersion, user.sessionVersion)) return null;
  return {
    kind: 'user',
    id: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    availability: user.availability,
    disconnected: user.disconnectedAt !== null,
    sessionVersion: user.sessionVersion,
  };
});

/** A session signed in before the user's last password change or reset has ended. */
export function sessionIsCurrent(signedInWith: number | undefined, current: number): boolean {
  return (signedInWith ?? 0) === current;
}

/** For server actions and route handlers: the actor, or an AuthError to turn into 401/403. */
export async function requireActor(min: Role | Permission = 'AGENT'): Promise<SessionUser> {
  const actor = await getSessionActor();
  if (!actor) throw new AuthError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  if (!allowed(actor.role, min)) throw new AuthError('FORBIDDEN', 'You do not have permission to do this.');
  return actor;
}

/** For pages: sends a visitor to sign in, and answers 403 (app/forbidden.tsx) when the role is too low. */
export async function requirePageActor(min: Role | Permission = 'AGENT', from?: string): Promise<SessionUser> {
  const actor = await getSessionActor();
  if (!actor) {
    const back = from ?? (await headers()).get('x-switchboard-path'); // set by proxy.ts
    redirect(back && back.startsWith('/') && !back.startsWith('//') ? `/signin?callbackUrl=${encodeURIComponent(back)}` : '/signin');
  }
  if (!allowed(actor.role, min)) forbidden();
  return actor;
}

function allowed(role: Role, min: Role | Permission): boolean {
  return min === 'ADMIN' || min === 'SUPERVISOR' || min === 'AGENT' ? hasRole(role, min) : can(role, min);
}
