import { unstable_rethrow } from 'next/navigation';
import { AuthError } from '../access/actor';
import { DomainError, type DomainErrorCode } from '../domain/errors';

// Not a 'use server' file: it holds the result type and the error mapping the action files share.

export type ActionErrorCode = DomainErrorCode | AuthError['code'] | 'INTERNAL';

export type ActionError = { code: ActionErrorCode; message: string; fields?: Record<string, string[]> };

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export const GENERIC_ERROR = 'Something went wrong. Try again.';

/** Expected refusals keep their words and fields; anything else is logged and stays on the server. */
export function toActionError(e: unknown): ActionError {
  if (e instanceof DomainError) return { code: e.code, message: e.message, ...(e.fields && { fields: e.fields }) };
  if (e instanceof AuthError) return { code: e.code, message: e.message };
  console.error('Unexpected error in a server action', e);
  return { code: 'INTERNAL', message: GENERIC_ERROR };
}

/** Runs an action body and turns a throw into `{ ok: false }`. Next's own control-flow throws (redirect, notFound) pass through. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (e) {
    unstable_rethrow(e);
    return { ok: false, error: toActionError(e) };
  }
}
