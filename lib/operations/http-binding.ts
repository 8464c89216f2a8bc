import type { z } from 'zod';
import type { JsonSchema } from '../http/openapi';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];
export type ErrorStatus = 400 | 401 | 403 | 404 | 409;
export type ApiTag =
  | 'Conversations' | 'Tags' | 'Messages' | 'Notes' | 'Metadata' | 'Routing' | 'Queues' | 'Agents' | 'Working hours'
  | 'Inboxes' | 'Customers' | 'Webhooks' | 'Documentation';

/** What a handler answers with: a JSON body, or a body with headers (the route list's ETag). */
export type HttpAnswer = { body: unknown; headers?: Record<string, string> };

/**
 * How an operation is served under /ccaas/1 and described in the OpenAPI document. The input is
 * put together from the path's `{params}` and, per `from`, the query string, the JSON body (its
 * fields beside the params, or the whole body under one key) and named headers; then the
 * operation's input schema parses it, once.
 */
export type HttpBinding<O> = {
  method: HttpMethod;
  /** The OpenAPI path; its `{params}` are the route file's dynamic segments. */
  path: string;
  /** The reference's operationId where the reference has the operation. */
  operationId: string;
  tag: ApiTag;
  summary: string;
  description?: string;
  from?: 'query' | 'body' | { body: string };
  /** The request body's component name in the document (with `from: 'body'`). */
  bodyId?: string;
  /** Header → input field, e.g. `If-Match` → `baseVersion`; a bad value is reported under the header's name. */
  headers?: { name: string; field: string; description: string; pattern: string }[];
  /** The 200 response: a schema of lib/validation/api-responses.ts (named there), or an inline JSON Schema. */
  response: { schema: z.ZodType; description: string } | { json: JsonSchema; description: string };
  /** The domain result as the API shapes it. */
  respond: (result: O) => unknown | HttpAnswer;
  /** Statuses beyond 200 this operation can answer (400 and 401 are added for every keyed call). */
  errors: ErrorStatus[];
  /**
   * `Idempotency-Key`: `around` claims the key before the work and stores the answer after it;
   * `in-transaction` hands the claim to the operation (ctx.idempotency), whose transaction claims it.
   */
  idempotency?: 'around' | 'in-transaction';
  /** Headers to add to a refusal (a stale save answers with the current version's ETag). */
  errorHeaders?: (e: unknown) => Record<string, string> | undefined;
  /** No key needed (the document itself). */
  public?: boolean;
};

// Marks an answer with headers, so that a domain result that happens to have `body` is not taken for one.
const ANSWER = Symbol('httpAnswer');

export function answer(body: unknown, headers?: Record<string, string>): HttpAnswer {
  return Object.assign({ body, headers }, { [ANSWER]: true });
}

export function isAnswer(v: unknown): v is HttpAnswer {
  return !!v && typeof v === 'object' && ANSWER in v;
}
