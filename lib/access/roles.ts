import type { Role } from '../generated/prisma/enums';

// The one table of who may do what. ADMIN ⊇ SUPERVISOR ⊇ AGENT (SPEC §2).
// Every page, server action and route handler names the permission it needs.

export const ROLE_RANK: Record<Role, number> = { AGENT: 1, SUPERVISOR: 2, ADMIN: 3 };

export const PERMISSIONS = {
  'conversations.work': 'AGENT', // see (within SPEC §2 visibility), update, tag, message, assign, route
  'conversations.seeAll': 'SUPERVISOR',
  'queues.view': 'SUPERVISOR',
  'queues.manage': 'SUPERVISOR',
  'routes.manage': 'SUPERVISOR',
  'dashboard.view': 'SUPERVISOR',
  'inboxes.manage': 'ADMIN',
  'users.manage': 'ADMIN',
  'apiKeys.manage': 'ADMIN',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function hasRole(role: Role, min: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

export function can(role: Role, permission: Permission): boolean {
  return hasRole(role, PERMISSIONS[permission]);
}

export const ROLE_LABEL: Record<Role, string> = { ADMIN: 'Admin', SUPERVISOR: 'Supervisor', AGENT: 'Agent' };
