import { describe, expect, it } from 'vitest';
import { Role } from '../generated/prisma/enums';
import { can, hasRole, PERMISSION_TABLE, PERMISSIONS, ROLE_LABEL, ROLE_RANK, type Permission } from './roles';

// Written out here rather than derived from ROLE_RANK, so a wrong rank in roles.ts shows up.
const LOWEST_FIRST: Role[] = ['AGENT', 'SUPERVISOR', 'ADMIN'];
const permissions = Object.keys(PERMISSIONS) as Permission[];

describe('role ranks', () => {
  it('cover every role in the schema', () => {
    expect(Object.keys(ROLE_RANK).sort()).toEqual(Object.values(Role).sort());
    expect(Object.keys(ROLE_LABEL).sort()).toEqual(Object.values(Role).sort());
  });

  it('order AGENT < SUPERVISOR < ADMIN', () => {
    expect(ROLE_RANK.AGENT).toBeLessThan(ROLE_RANK.SUPERVISOR);
    expect(ROLE_RANK.SUPERVISOR).toBeLessThan(ROLE_RANK.ADMIN);
  });

  it('hasRole is true exactly when the role is at least the minimum', () => {
    for (const [i, role] of LOWEST_FIRST.entries()) {
      for (const [j, min] of LOWEST_FIRST.entries()) {
        expect(hasRole(role, min), `${role} ≥ ${min}`).toBe(i >= j);
      }
    }
  });
});

describe('permissions', () => {
  it('grant each permission to its minimum role and everyone above, nobody below', () => {
    for (const permission of permissions) {
      const min = LOWEST_FIRST.indexOf(PERMISSIONS[permission]);
      expect(min, permission).toBeGreaterThanOrEqual(0);
      for (const [i, role] of LOWEST_FIRST.entries()) {
        expect(can(role, permission), `${role} ${permission}`).toBe(i >= min);
      }
    }
  });

  it('nest: ADMIN ⊇ SUPERVISOR ⊇ AGENT', () => {
    const granted = (role: Role) => new Set(permissions.filter((p) => can(role, p)));
    const [agent, supervisor, admin] = LOWEST_FIRST.map(granted);
    for (const p of agent) expect(supervisor.has(p), p).toBe(true);
    for (const p of supervisor) expect(admin.has(p), p).toBe(true);
    expect(admin.size).toBe(permissions.length);
  });

  it('match SPEC §2 on the lines that matter most', () => {
    expect(can('AGENT', 'conversations.work')).toBe(true);
    expect(can('AGENT', 'conversations.seeAll')).toBe(false);
    expect(can('AGENT', 'queues.view')).toBe(false);
    expect(can('SUPERVISOR', 'conversations.seeAll')).toBe(true);
    expect(can('SUPERVISOR', 'routes.manage')).toBe(true);
    expect(can('SUPERVISOR', 'users.manage')).toBe(false);
    expect(can('SUPERVISOR', 'apiKeys.manage')).toBe(false);
    expect(can('SUPERVISOR', 'inboxes.manage')).toBe(false);
    expect(can('ADMIN', 'users.manage')).toBe(true);
  });
});

describe('the role table', () => {
  it('describes every permission in one line', () => {
    for (const [p, grant] of Object.entries(PERMISSION_TABLE)) {
      expect(grant.description.length, p).toBeGreaterThan(10);
      expect(grant.description, p).not.toContain('\n');
    }
  });
});
