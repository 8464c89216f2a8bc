import type { Role } from '../generated/prisma/enums';

// The one table of who may do what. ADMIN ⊇ SUPERVISOR ⊇ AGENT (SPEC §2). Every operation
// (lib/operations) names one of these; pages name one in requirePageActor. The registry test fails
// when an operation names none, and the API docs and the People page can print this table.

export const ROLE_RANK: Record<Role, number> = { AGENT: 1, SUPERVISOR: 2, ADMIN: 3 };

type Grant = { role: Role; description: string };

export const PERMISSION_TABLE = {
  'conversations.work': { role: 'AGENT', description: 'See conversations (within SPEC §2 visibility); update, tag, message, assign and route them; set one’s own availability.' },
  'conversations.seeAll': { role: 'SUPERVISOR', description: 'See every conversation, not only those of one’s inboxes, queues and assignments.' },
  'cannedReplies.use': { role: 'AGENT', description: 'Insert the shared canned replies; write, change and delete one’s own personal ones (nobody else sees those).' },
  'cannedReplies.manage': { role: 'SUPERVISOR', description: 'Write, change and delete the shared canned replies (audited).' },
  'queues.view': { role: 'SUPERVISOR', description: 'Read the route list, its history, the simulator and what-if; open the queues page.' },
  'queues.manage': { role: 'SUPERVISOR', description: 'Create, rename, delete queues; set the default queue and their assignment settings; add and remove members.' },
  'routes.manage': { role: 'SUPERVISOR', description: 'Save or restore the route list.' },
  'agents.view': { role: 'SUPERVISOR', description: 'Read agents: their status, availability, role and conversations.' },
  'tags.delete': { role: 'SUPERVISOR', description: 'Delete a tag everywhere (it leaves every conversation that had it).' },
  'workingHours.view': { role: 'SUPERVISOR', description: 'Read working hours (a queue follows one).' },
  'dashboard.view': { role: 'SUPERVISOR', description: 'Read the supervisor dashboard.' },
  'inboxes.manage': { role: 'ADMIN', description: 'Add and remove inbox collaborators; switch auto-assignment and reassign-on-offline.' },
  'users.manage': { role: 'ADMIN', description: 'Create users; change their role and capacity; enable and disable them.' },
  'agents.manage': { role: 'ADMIN', description: 'Create agents over the API; change their name, role, capacity and enabled flag.' },
  'workingHours.manage': { role: 'ADMIN', description: 'Create, change and delete working hours and their holidays.' },
  'apiKeys.manage': { role: 'ADMIN', description: 'Create and revoke API keys (each owned by a user, acting with at most that user’s role).' },
  'audit.view': { role: 'ADMIN', description: 'Read the audit log of administrative changes.' },
  'webhooks.manage': { role: 'ADMIN', description: 'Create, change and delete webhook subscriptions; read their delivery log and redeliver events.' },
} as const satisfies Record<string, Grant>;

/** The minimum role of each permission. */
export const PERMISSIONS = Object.fromEntries(Object.entries(PERMISSION_TABLE).map(([p, g]) => [p, g.role])) as {
  [P in keyof typeof PERMISSION_TABLE]: (typeof PERMISSION_TABLE)[P]['role'];
};

export type Permission = keyof typeof PERMISSION_TABLE;

export function hasRole(role: Role, min: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

export function can(role: Role, permission: Permission): boolean {
  return hasRole(role, PERMISSIONS[permission]);
}

export const ROLE_LABEL: Record<Role, string> = { ADMIN: 'Admin', SUPERVISOR: 'Supervisor', AGENT: 'Agent' };
