'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { markReadOp, unreadCountOp } from '../operations/console';

export async function unreadCountAction() {
  return act(unreadCountOp, {});
}

export async function markReadAction(input: InputOf<typeof markReadOp>) {
  return act(markReadOp, input, { shape: () => null });
}
