import { z } from 'zod';
import { idSchema } from './common';

export const ROLES = ['ADMIN', 'SUPERVISOR', 'AGENT'] as const;

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, 'Give the key a name.').max(100, 'At most 100 characters.'),
  role: z.enum(ROLES, { message: 'Choose ADMIN, SUPERVISOR or AGENT.' }),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

/** One key by id (revoke). */
export const apiKeyRefSchema = z.strictObject({ keyId: idSchema });
export type ApiKeyRef = z.output<typeof apiKeyRefSchema>;
