import path from 'node:path';

export const PASSWORD = 'demo1234';

/**
 * Signs the test servers' sessions. Fixed, so a second instance started by a test (two app
 * instances on one PostgreSQL) accepts the same session cookies. Test servers only.
 */
export const E2E_AUTH_SECRET = 'switchboard-e2e-only-not-a-real-secret';

export const ROLES = {
  admin: { email: 'admin@example.com', name: 'Alex Admin', role: 'Admin' },
  supervisor: { email: 'supervisor@example.com', name: 'Sam Supervisor', role: 'Supervisor' },
  agent: { email: 'ana@example.com', name: 'Ana Alvarez', role: 'Agent' },
} as const;

export type RoleName = keyof typeof ROLES;

export const storageState = (role: RoleName) => path.join(import.meta.dirname, '.auth', `${role}.json`);
