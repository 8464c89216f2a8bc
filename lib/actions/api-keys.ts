'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { createApiKeyOp, revokeApiKeyOp } from '../operations/console';

/** The plaintext key is in this one answer only; it is never stored or shown again. */
export async function createApiKeyAction(input: InputOf<typeof createApiKeyOp>) {
  return act(createApiKeyOp, input, { revalidate: ['/people'] });
}

export async function revokeApiKeyAction(input: InputOf<typeof revokeApiKeyOp>) {
  return act(revokeApiKeyOp, input, { revalidate: ['/people'] });
}
