import { z } from 'zod';
import { idSchema } from './common';

export const API_KEY_NAME_MAX = 100;

export const ROLES = ['ADMIN', 'SUPERVISOR', 'AGENT'] as const;

/**
 * Who owns a new key (SPEC §5): an existing user, or a new bot user made for it (named after the
 * key, who cannot sign in and whom auto-assignment never picks). The key acts with its owner's
 * visibility and at most its owner's role.
 */
export const apiKeyOwnerSchema = z.union([z.strictObject({ userId: idSchema }), z.strictObject({ newBotUser: z.literal(true) })], {
  message: 'Choose a user, or a new bot user.',
});
export type ApiKeyOwnerInput = z.infer<typeof apiKeyOwnerSchema>;

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, 'Give the key a name.').max(API_KEY_NAME_MAX, `At most ${API_KEY_NAME_MAX} characters.`),
  role: z.enum(ROLES, { message: 'Choose ADMIN, SUPERVISOR or AGENT.' }),
  // Required of people (lib/auth/api-keys.ts); the command line may still make a key of its own.
  owner: apiKeyOwnerSchema.optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

/** One key by id (revoke). */
export const apiKeyRefSchema = z.strictObject({ keyId: idSchema });
export type ApiKeyRef = z.output<typeof apiKeyRefSchema>;
