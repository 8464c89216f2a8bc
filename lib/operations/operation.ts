import type { z } from 'zod';
import type { Db } from '../db';
import { assertCan, type Actor } from '../access/actor';
import type { Permission } from '../access/roles';
import { DomainError, parseOrThrow } from '../domain/errors';
import type { IdempotentRequest } from '../http/idempotency';
import type { HttpBinding } from './http-binding';

/**
 * One operation, declared once: who may call it, what it takes, which domain function runs, and
 * (where it has one) how it is served over HTTP. Server actions and /ccaas/1 route handlers are
 * derived from the declaration; so are the OpenAPI document and the role table's coverage test.
 * Input is parsed here, at the door, exactly once; domain functions receive typed objects.
 */
export type Operation<I extends z.ZodType = z.ZodType, O = unknown> = {
  /** `area.verb`, e.g. `conversations.assign`; unique in the registry. */
  name: string;
  /** The role table's entry the caller needs (lib/access/roles.ts), or `public` for documentation. */
  permission: Permission | 'public';
  input: I;
  /**
   * The input's keys that hold a payload of their own (the route list, an array; the simulator's
   * sample): validation errors are reported relative to it, as the caller wrote it.
   */
  payload?: string | readonly string[];
  run: (ctx: OperationContext, input: z.output<I>) => Promise<O>;
  http?: HttpBinding<O>;
};

export type OperationContext = {
  db: Db;
  actor: Actor;
  /** The caller's address (scripts/server.mjs decides it from the socket), where a door knows it. */
  clientIp?: string;
  /** Set by the HTTP door for an operation that claims its Idempotency-Key in its own transaction. */
  idempotency?: IdempotentRequest;
};

/** What a caller may send: the input schema's input side (a door's argument type). */
export type InputOf<T> = T extends { input: infer I extends z.ZodType } ? z.input<I> : never;

/** Declares an operation; the identity, so that TypeScript infers the input and output types. */
export function operation<I extends z.ZodType, O>(op: Operation<I, O>): Operation<I, O> {
  return op;
}

/** Runs an operation for an actor: permission first (403 before any parsing), then the input (400), then the domain. */
export async function invoke<I extends z.ZodType, O>(op: Operation<I, O>, ctx: OperationContext, raw: unknown): Promise<O> {
  if (op.permission !== 'public') assertCan(ctx.actor, op.permission);
  return op.run(ctx, parseInput(op, raw));
}

function parseInput<I extends z.ZodType>(op: { input: I; payload?: string | readonly string[] }, raw: unknown): z.output<I> {
  try {
    return parseOrThrow(op.input, raw);
  } catch (e) {
    if (!(e instanceof DomainError) || !op.payload || !e.fields) throw e;
    throw new DomainError(e.code, e.message, relativeTo(op.payload, e.fields));
  }
}

/** `routes.2.name` → `2.name`, `routes` → `(body)`: field names as the caller sent the payload. */
function relativeTo(keys: string | readonly string[], fields: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fields)) {
    const key = [keys].flat().find((k) => field === k || field.startsWith(`${k}.`));
    const rel = key === undefined ? field : field === key ? '(body)' : field.slice(key.length + 1);
    (out[rel] ??= []).push(...messages);
  }
  return out;
}
