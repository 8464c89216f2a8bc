'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { createUserOp, setUserEnabledOp, setUserRoleOp } from '../operations/console';

export async function createUserAction(input: InputOf<typeof createUserOp>) {
  return act(createUserOp, input, { revalidate: ['/people'], shape: (u) => ({ id: u.id, name: u.name }) });
}

export async function setUserRoleAction(input: InputOf<typeof setUserRoleOp>) {
  return act(setUserRoleOp, input, { revalidate: ['/people'] });
}

export async function setUserEnabledAction(input: InputOf<typeof setUserEnabledOp>) {
  return act(setUserEnabledOp, input, {
    // Disabling hands conversations on, so inbox pages change too.
    revalidate: ['/people', ['/inbox', 'layout'], '/inboxes'],
    shape: (r) => ({ id: r.id, enabled: r.enabled, moved: r.reassigned?.moved ?? 0 }),
  });
}
