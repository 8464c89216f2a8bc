import type { Role } from '../generated/prisma/enums';
import { can, type Permission } from './roles';

/**
 * Where a request came from, as far as the door knows it (the audit log's "from where"): the first
 * hop of X-Forwarded-For (scripts/server.mjs makes it the socket's address unless a trusted proxy
 * sent it) and the User-Agent. Carried on the actor, so domain functions need no request.
 */
export type Origin = { ip: string | null; userAgent: string | null };

/** Who is acting. Domain functions take one explicitly and never look at sessions or requests. */
export type Actor =
  | { kind: 'user'; id: string; role: Role; name: string; email: string; origin?: Origin }
  | { kind: 'apiKey'; id: string; role: Role; name: string; userId: string | null; origin?: Origin }
  | { kind: 'system'; id: 'system'; role: 'ADMIN'; name: string; reason: string; origin?: Origin };

export class AuthError extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw new AuthError('FORBIDDEN', 'You do not have permission to do this.');
  }
}

export function systemActor(reason: string): Actor {
  return { kind: 'system', id: 'system', role: 'ADMIN', name: 'System', reason };
}

/** The user an actor acts as: a signed-in user, or the user an API key acts for; none for the system or a key of its own. */
export function actingUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.id : actor.kind === 'apiKey' ? actor.userId : null;
}

/** The origin of a request from its headers; absent values are null, long ones cut to what the audit log stores. */
export function originOf(headers: { get(name: string): string | null }): Origin {
  // scripts/server.mjs sets X-Forwarded-For to the client's address (TRUSTED_PROXY); the right-most
  // hop is the one a proxy in front appended, as lib/auth/client-ip.ts reads it.
  const ip = headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || headers.get('x-real-ip')?.trim() || null;
  const userAgent = headers.get('user-agent')?.trim() || null;
  return { ip: ip ? ip.slice(0, 64) : null, userAgent: userAgent ? userAgent.slice(0, 500) : null };
}
