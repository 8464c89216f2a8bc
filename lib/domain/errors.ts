import type { z } from 'zod';

export type DomainErrorCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT';

/** An expected refusal: its message is safe to show to the caller; nothing was changed. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what = 'Conversation') => new DomainError('NOT_FOUND', `${what} not found.`);
// 400, not 409: the reference lists no 409 for these operations (409 is kept for our extensions: If-Match, Idempotency-Key).
export const closedConversation = () => new DomainError('BAD_REQUEST', 'Closed conversation cannot be changed.');

/** Zod issues as `{ "field.path": ["message", …] }`, the API's validationErrors shape. */
export function zodFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '(body)';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function invalid(error: z.ZodError, message = 'Request is invalid.'): DomainError {
  return new DomainError('BAD_REQUEST', message, zodFields(error));
}

/** Parses with a schema or throws a 400 DomainError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const res = schema.safeParse(input);
  if (!res.success) throw invalid(res.error);
  return res.data;
}
