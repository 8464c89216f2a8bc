'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../db';
import { requireActor } from '../auth/session';
import { parseOrThrow } from '../domain/errors';
import { createUser, setUserEnabled, setUserRole } from '../domain/users';
import type { Role } from '../generated/prisma/enums';
import { createUserSchema, setUserEnabledSchema, setUserRoleSchema, type CreateUserInput } from '../validation/admin';
import { runAction, type ActionResult } from './result';

// Each action checks the role itself; the People page's check does not cover the actions it renders.

export async function createUserAction(input: CreateUserInput): Promise<ActionResult<{ id: string; name: string }>> {
  return runAction(async () => {
    const actor = await requireActor('users.manage');
    const user = await createUser(db(), actor, parseOrThrow(createUserSchema, input));
    revalidatePath('/people');
    return { id: user.id, name: user.name };
  });
}

export async function setUserRoleAction(userId: string, role: Role): Promise<ActionResult<{ id: string; role: Role }>> {
  return runAction(async () => {
    const actor = await requireActor('users.manage');
    const result = await setUserRole(db(), actor, parseOrThrow(setUserRoleSchema, { userId, role }));
    revalidatePath('/people');
    return result;
  });
}

export async function setUserEnabledAction(userId: string, enabled: boolean): Promise<ActionResult<{ id: string; enabled: boolean; moved: number }>> {
  return runAction(async () => {
    const actor = await requireActor('users.manage');
    const result = await setUserEnabled(db(), actor, parseOrThrow(setUserEnabledSchema, { userId, enabled }));
    // Disabling hands conversations on, so inbox pages change too.
    revalidatePath('/people');
    revalidatePath('/inbox', 'layout');
    revalidatePath('/inboxes');
    return { id: result.id, enabled: result.enabled, moved: result.reassigned?.moved ?? 0 };
  });
}
