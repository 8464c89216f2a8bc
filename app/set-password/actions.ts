'use server';

import { headers } from 'next/headers';
import { db } from '@/lib/db';
import { clientIp } from '@/lib/auth/client-ip';
import { runAction } from '@/lib/actions/result';
import { parseOrThrow } from '@/lib/domain/errors';
import { consumePasswordToken } from '@/lib/domain/password-tokens';
import { setPasswordSchema } from '@/lib/validation/agents';

/**
 * The set-password form. No session: the one-time token from the link is the authority, and it
 * works once (a guarded update). The password goes to the hash only, never to a log.
 */
export async function setPasswordAction(input: unknown) {
  return runAction(async () => {
    const { token, password } = parseOrThrow(setPasswordSchema, input);
    return consumePasswordToken(db(), { token, password }, new Date(), clientIp(await headers()));
  });
}
