'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { createSavedViewOp, deleteSavedViewOp } from '../operations/saved-views';

// One-line bindings of the saved-view operations (lib/operations/saved-views.ts).

export async function createSavedViewAction(input: InputOf<typeof createSavedViewOp>) {
  return act(createSavedViewOp, input, { revalidate: ['/inbox'] });
}

export async function deleteSavedViewAction(input: InputOf<typeof deleteSavedViewOp>) {
  return act(deleteSavedViewOp, input, { revalidate: ['/inbox'] });
}
