'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { createUserOp, issuePasswordLinkOp, setUserCapacityOp, setUserEnabledOp, setUserRoleOp } from '../operations/console';

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

/** Raising it may hand waiting conversations to the person, so the inbox pages change too. */
export async function setUserCapacityAction(input: InputOf<typeof setUserCapacityOp>) {
  return act(setUserCapacityOp, input, { revalidate: ['/people', ['/inbox', 'layout']] });
}

/** Shown once: the People page's "Set-password link" (also how an admin resets a password). */
export async function issuePasswordLinkAction(input: InputOf<typeof issuePasswordLinkOp>) {
  return act(issuePasswordLinkOp, input, { shape: (r) => ({ userId: r.userId, url: r.url, expiresAt: r.expiresAt.toISOString() }) });
}
