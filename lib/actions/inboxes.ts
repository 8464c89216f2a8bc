'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { addCollaboratorOp, removeCollaboratorOp, setInboxTogglesOp } from '../operations/console';

export async function addCollaboratorAction(input: InputOf<typeof addCollaboratorOp>) {
  return act(addCollaboratorOp, input, { revalidate: ['/inboxes'] });
}

export async function removeCollaboratorAction(input: InputOf<typeof removeCollaboratorOp>) {
  return act(removeCollaboratorOp, input, { revalidate: ['/inboxes'] });
}

export async function setInboxTogglesAction(input: InputOf<typeof setInboxTogglesOp>) {
  return act(setInboxTogglesOp, input, { revalidate: ['/inboxes'] });
}
