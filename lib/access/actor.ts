import type { Role } from '../generated/prisma/enums';
import { can, type Permission } from './roles';

/** Who is acting. Domain functions take one explicitly and never look at sessions or requests. */
export type Actor =
  | { kind: 'user'; id: string; role: Role; name: string; email: string }
  | { kind: 'apiKey'; id: string; role: Role; name: string; userId: string | null }
  | { kind: 'system'; id: 'system'; role: 'ADMIN'; name: string; reason: string };

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
