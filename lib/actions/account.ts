'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { changeOwnPasswordOp } from '../operations/account';
import { reissueSessionCookie } from '../auth/session-cookie';

/** The profile page's password change: every other session ends, this one goes on. */
export async function changeOwnPasswordAction(input: InputOf<typeof changeOwnPasswordOp>) {
  return act(changeOwnPasswordOp, input, {
    shape: async ({ sessionVersion }) => {
      await reissueSessionCookie(sessionVersion);
      return { changed: true };
    },
  });
}
