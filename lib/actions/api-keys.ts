'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../db';
import { requireActor } from '../auth/session';
import { createApiKey, revokeApiKey, type NewApiKey } from '../auth/api-keys';
import { parseOrThrow } from '../domain/errors';
import { apiKeyRefSchema, createApiKeySchema, type CreateApiKeyInput } from '../validation/api-keys';
import { runAction, type ActionResult } from './result';

/** The plaintext key is in this one answer only; it is never stored or shown again. */
export async function createApiKeyAction(input: CreateApiKeyInput): Promise<ActionResult<NewApiKey>> {
  return runAction(async () => {
    const actor = await requireActor('apiKeys.manage');
    const key = await createApiKey(db(), actor, parseOrThrow(createApiKeySchema, input));
    revalidatePath('/people');
    return key;
  });
}

export async function revokeApiKeyAction(id: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await requireActor('apiKeys.manage');
    const { keyId } = parseOrThrow(apiKeyRefSchema, { keyId: id });
    await revokeApiKey(db(), actor, { keyId });
    revalidatePath('/people');
    return { id: keyId };
  });
}
