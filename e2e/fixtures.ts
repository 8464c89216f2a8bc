import path from 'node:path';

export const PASSWORD = 'demo1234';

export const ROLES = {
  admin: { email: 'admin@example.com', name: 'Alex Admin', role: 'Admin' },
  supervisor: { email: 'supervisor@example.com', name: 'Sam Supervisor', role: 'Supervisor' },
  agent: { email: 'ana@example.com', name: 'Ana Alvarez', role: 'Agent' },
} as const;

export type RoleName = keyof typeof ROLES;

export const storageState = (role: RoleName) => path.join(import.meta.dirname, '.auth', `${role}.json`);
