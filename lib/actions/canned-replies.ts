'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import {
  createPersonalCannedReplyOp,
  createSharedCannedReplyOp,
  deletePersonalCannedReplyOp,
  deleteSharedCannedReplyOp,
  listCannedRepliesOp,
  updatePersonalCannedReplyOp,
  updateSharedCannedReplyOp,
} from '../operations/canned-replies';

// One-line bindings of lib/operations/canned-replies.ts. The scope picks the operation, and with
// it the permission: an agent asking for a shared one is refused there, before anything is read.

type Scope = 'SHARED' | 'PERSONAL';
const PAGES = ['/canned-replies'];
const isShared = (scope: unknown) => scope === 'SHARED';
const plain = (r: { id: string; scope: Scope; title: string; body: string }) => ({ id: r.id, scope: r.scope, title: r.title, body: r.body });

export async function listCannedRepliesAction(input: InputOf<typeof listCannedRepliesOp>) {
  return act(listCannedRepliesOp, input, { shape: (rows) => rows.map((r) => ({ ...plain(r), text: r.text })) });
}

export async function createCannedReplyAction(scope: Scope, input: InputOf<typeof createSharedCannedReplyOp>) {
  return act(isShared(scope) ? createSharedCannedReplyOp : createPersonalCannedReplyOp, input, { revalidate: PAGES, shape: plain });
}

export async function updateCannedReplyAction(scope: Scope, input: InputOf<typeof updateSharedCannedReplyOp>) {
  return act(isShared(scope) ? updateSharedCannedReplyOp : updatePersonalCannedReplyOp, input, { revalidate: PAGES, shape: plain });
}

export async function deleteCannedReplyAction(scope: Scope, input: InputOf<typeof deleteSharedCannedReplyOp>) {
  return act(isShared(scope) ? deleteSharedCannedReplyOp : deletePersonalCannedReplyOp, input, { revalidate: PAGES });
}
