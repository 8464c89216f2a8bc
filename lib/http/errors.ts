import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { AuthError } from '../access/actor';
import { DomainError, zodFields } from '../domain/errors';

export type ApiErrorBody = {
  requestError: { serviceException: { messageId: string; text: string; validationErrors?: Record<string, string[]> } };
};

const STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL_SERVER_ERROR: 500,
};

export function apiError(messageId: keyof typeof STATUS | string, text: string, validationErrors?: Record<string, string[]>, headers?: HeadersInit) {
  const body: ApiErrorBody = { requestError: { serviceException: { messageId, text, ...(validationErrors && { validationErrors }) } } };
  return NextResponse.json(body, { status: STATUS[messageId] ?? 400, headers });
}

/** Expected errors keep their words; anything else is logged and answered with a generic 500. */
export function errorResponse(e: unknown) {
  if (e instanceof DomainError) return apiError(e.code, e.message, e.fields);
  if (e instanceof AuthError) {
    return e.code === 'UNAUTHENTICATED'
      ? apiError('UNAUTHORIZED', e.message, undefined, { 'WWW-Authenticate': 'App' })
      : apiError('FORBIDDEN', e.message);
  }
  if (e instanceof ZodError) return apiError('BAD_REQUEST', 'Request is invalid.', zodFields(e));
  console.error('Unexpected API error', e);
  return apiError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Try again.');
}
