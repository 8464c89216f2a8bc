import { z } from 'zod';
import { dateTimeSchema } from '../validation/common';
import { apiResponseRegistry } from '../validation/api-responses';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency';
import { ERRORS, PARAM_DOCS } from './openapi-docs';
import { OPERATION_EXAMPLES, type OperationExample } from './openapi-examples';
import { OPERATIONS } from '../operations/registry';
import type { Operation as Declared } from '../operations/operation';
import { HTTP_METHODS, type ErrorStatus, type HttpBinding, type HttpMethod } from '../operations/http-binding';
import { WEBHOOKS_TAG } from './openapi-webhooks';

// The OpenAPI 3.1 document is generated from the operation registry (lib/operations): each
// operation's HTTP binding gives the path, method and words, its input schema (lib/validation)
// the parameters and body, its response schema (lib/validation/api-responses.ts) the answer. So
// the document cannot say something the server does not do; lib/operations/registry.test.ts and
// lib/http/contract.test.ts hold the route files and real responses to it.

export type JsonSchema = z.core.JSONSchema.BaseSchema;

export type Parameter = {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
  style?: 'form' | 'simple';
  explode?: boolean;
  example?: unknown;
};
/** OpenAPI 3.1 named examples of a media type: the first is the one the reference page shows. */
export type NamedExamples = Record<string, { summary: string; value: unknown }>;
type Content = Record<'application/json', { schema: JsonSchema; example?: unknown; examples?: NamedExamples }>;
export type ResponseObject = { description: string; content?: Content };
export type Ref = { $ref: string };
export type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters: Parameter[];
  requestBody?: { required: true; description?: string; content: Content };
  responses: Record<string, ResponseObject | Ref>;
  security?: Record<string, string[]>[];
};
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, { type: 'apiKey'; in: 'header'; name: string; description: string }>;
  };
};

const errorRef = (status: ErrorStatus): Ref => ({ $ref: `#/components/responses/${ERRORS[status].name}` });
const schemaRef = (id: string): Ref => ({ $ref: `#/components/schemas/${id}` });

/** A zod schema as JSON Schema, without the `$schema`/`$id` that do not belong inside an OpenAPI document. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function registryComponents(registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  // zod puts schemas shared without an id under "__shared"; refs into it would not resolve here.
  if ('__shared' in schemas) throw new Error('A schema reused across components needs an id in its registry.');
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...rest }]) => [id, rest]));
}

function mergeComponents(...parts: Record<string, JsonSchema>[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of parts.flatMap((p) => Object.entries(p))) {
    if (id in out) throw new Error(`Two schemas are named ${id} in the OpenAPI document.`);
    out[id] = schema;
  }
  return out;
}

const DATE_PATTERN = jsonSchema(dateTimeSchema, 'input').pattern;

function queryParameters(query: z.ZodObject, operationId: string): Parameter[] {
  const required = new Set(jsonSchema(query, 'input').required ?? []);
  return Object.entries(query.shape).map(([name, field]) => {
    // Query values arrive as strings and are split, coerced or parsed. The output side keeps what
    // a value must be (list item enums, the orderBy pattern); where a transform leaves it
    // unrepresentable (dates, true/false) the input side says what to send.
    const output = jsonSchema(field, 'output');
    const schema = Object.keys(output).length ? output : jsonSchema(field, 'input');
    if (schema.pattern && schema.pattern === DATE_PATTERN) schema.examples = ['2025-04-24T11:25:41.058+0000'];
    const list = schema.type === 'array';
    const doc = PARAM_DOCS[`${operationId}:${name}`] ?? PARAM_DOCS[name];
    return {
      name,
      in: 'query' as const,
      required: required.has(name),
      ...(doc && { description: list ? `${doc} Comma-separated, or the parameter repeated.` : doc }),
      schema,
      ...(list && { style: 'form' as const, explode: true }),
    };
  });
}

/** The path's parameters, each with the schema the operation parses it with (a tag name's pattern, an id's length). */
function pathParameters(path: string, input: z.ZodType): Parameter[] {
  const shape = input instanceof z.ZodObject ? (input.shape as Record<string, z.ZodType>) : {};
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path' as const,
    required: true,
    description: PARAM_DOCS[`path:${name}`] ?? PARAM_DOCS[name],
    schema: shape[name] ? jsonSchema(shape[name], 'input') : { type: 'string' },
    style: 'simple' as const,
  }));
}

const IDEMPOTENCY_HEADER: Parameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Send the same key with the same body again within 24 hours to get the first response instead of a second resource. The same key with another body is a 409.',
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
};

const json = (schema: JsonSchema, example?: unknown): Content => ({ 'application/json': { schema, ...(example !== undefined && { example }) } });

/** A media type with one named example (lib/http/openapi-examples.ts). */
const jsonWithExample = (schema: JsonSchema, summary: string, value: unknown): Content => ({
  'application/json': { schema, ...(value !== undefined && { examples: { example: { summary, value } } }) },
});

/**
 * A parameter's example as its schema types it: the examples file writes every value as it appears
 * in a URL or header, so numbers are parsed and comma-separated lists split.
 */
function typedExample(schema: JsonSchema, raw: string): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return Number(raw);
  if (schema.type === 'array') return raw.split(',');
  return raw;
}

function withExamples(parameters: Parameter[], example: OperationExample | undefined): Parameter[] {
  const given = { path: example?.request?.params, query: example?.request?.query, header: example?.request?.headers };
  return parameters.map((p) => {
    const raw = given[p.in]?.[p.name];
    return raw === undefined ? p : { ...p, example: typedExample(p.schema, raw) };
  });
}

type Bound = { op: Declared; http: HttpBinding<unknown> };

const pathKeys = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);

/** The input's fields that are not in the path: what the query string or the body carries. */
function beyondPath(input: z.ZodType, path: string): z.ZodObject {
  if (!(input instanceof z.ZodObject)) throw new Error(`${path}: an HTTP operation's input must be a z.object.`);
  const keys = pathKeys(path).filter((k) => k in input.shape);
  return keys.length ? input.omit(Object.fromEntries(keys.map((k) => [k, true])) as Record<string, true>) : input;
}

/** The request body's schema as the client sends it: the fields beside the path's, or the one payload field. */
export function bodySchema({ op, http }: Bound): z.ZodType | undefined {
  if (http.from === 'body') return beyondPath(op.input, http.path);
  if (typeof http.from === 'object') return (op.input as z.ZodObject).shape[http.from.body] as z.ZodType;
  return undefined;
}

function operation({ op, http }: Bound, bodies: Map<string, unknown>): Operation {
  // Any keyed request can be malformed (a NUL in a parameter) or lack a valid key.
  const errors = http.public ? http.errors : [...new Set<ErrorStatus>([400, 401, ...http.errors])].sort((a, b) => a - b);
  const okSchema = 'schema' in http.response ? schemaRef(responseId(http.response.schema, op.name)) : http.response.json;
  const headers: Parameter[] = (http.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: false, description: h.description, schema: { type: 'string', pattern: h.pattern } }));
  const body = bodies.has(http.bodyId ?? '') && http.bodyId;
  const example: OperationExample | undefined = OPERATION_EXAMPLES[http.operationId];
  const summary = example?.summary ?? http.summary;
  return {
    operationId: http.operationId,
    summary: http.summary,
    ...(http.description && { description: http.description }),
    tags: [http.tag],
    parameters: withExamples(
      [
        ...pathParameters(http.path, op.input),
        ...(http.from === 'query' ? queryParameters(beyondPath(op.input, http.path), http.operationId) : []),
        ...(http.idempotency ? [IDEMPOTENCY_HEADER] : []),
        ...headers,
      ],
      example,
    ),
    ...(body && { requestBody: { required: true as const, content: jsonWithExample(schemaRef(body), summary, example?.request?.body) } }),
    responses: {
      200: { description: http.response.description, content: jsonWithExample(okSchema, summary, example?.response) },
      ...Object.fromEntries(errors.map((s) => [String(s), errorRef(s)])),
    },
    ...(http.public && { security: [] }),
  };
}

function responseId(schema: z.ZodType, name: string): string {
  const meta = apiResponseRegistry.get(schema);
  if (!meta) throw new Error(`${name}: its response schema is not named in lib/validation/api-responses.ts.`);
  return meta.id;
}

const TAG_ORDER: HttpBinding<unknown>['tag'][] = [
  'Conversations', 'Tags', 'Messages', 'Notes', 'Metadata', 'Routing', 'Queues', 'Agents', 'Working hours', 'Inboxes', 'Customers', 'Webhooks', 'Documentation',
];

/** The operations served over HTTP, in the document's reading order: by tag, then path, then method. */
export function boundOperations(): Bound[] {
  const bound = OPERATIONS.flatMap((op) => (op.http ? [{ op, http: op.http as HttpBinding<unknown> }] : []));
  const rank = ({ http }: Bound) => [TAG_ORDER.indexOf(http.tag), http.path, HTTP_METHODS.indexOf(http.method)] as const;
  return bound.sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || x[2] - y[2];
  });
}

function build(): OpenApiDocument {
  const bound = boundOperations();
  // Bodies are documented as clients send them (io: input), responses as the server writes them.
  const requests = z.registry<{ id: string }>();
  const bodies = new Map<string, unknown>();
  for (const b of bound) {
    const schema = bodySchema(b);
    if (!schema) continue;
    if (!b.http.bodyId) throw new Error(`${b.op.name}: a body needs a bodyId (its component name).`);
    // PUT and PATCH share one body; each derives its own schema object, so keep the first.
    if (bodies.has(b.http.bodyId)) continue;
    bodies.set(b.http.bodyId, schema);
    requests.add(schema, { id: b.http.bodyId });
  }
  const paths: OpenApiDocument['paths'] = {};
  for (const b of bound) (paths[b.http.path] ??= {})[b.http.method] = operation(b, bodies);
  const envelope = (status: ErrorStatus) => ({
    description: ERRORS[status].description,
    content: json(schemaRef('ApiException'), { requestError: { serviceException: { messageId: ERRORS[status].messageId, text: ERRORS[status].text } } }),
  });
  const statuses = Object.keys(ERRORS).map(Number) as ErrorStatus[];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: '1',
      description:
        'JSON over HTTPS at the paths, fields and enums of the Infobip Conversations API, so that clients written for it work unchanged. ' +
        'Timestamps look like 2025-04-24T11:25:41.058+0000. List endpoints take page, limit (≤ 999) and orderBy. A refused request changes nothing.',
    },
    tags: [
      { name: 'Conversations', description: 'Create, read and change conversations.' },
      { name: 'Tags', description: 'Labels on conversations.' },
      { name: 'Messages', description: 'What the customer and the team wrote.' },
      { name: 'Routing', description: 'The ordered route list, and routing one conversation.' },
      { name: 'Queues', description: 'Queues and their members.' },
      { name: 'Notes', description: 'Internal notes on a conversation: never sent to the customer.' },
      { name: 'Metadata', description: 'Free JSON per conversation; routes read it as conversation.metadata.<key>.' },
      { name: 'Agents', description: 'Agents: who they are, their status, presence and conversations.' },
      { name: 'Working hours', description: 'Opening hours and holidays that queues follow.' },
      { name: 'Inboxes', description: 'Extension: where conversations arrive, and their assignment switches.' },
      { name: 'Customers', description: 'Extension: the people conversations are with, and their attributes.' },
      { name: 'Webhooks', description: WEBHOOKS_TAG },
      { name: 'Documentation', description: 'This document.' },
    ],
    security: [{ APIKeyHeader: [] }],
    paths,
    components: {
      schemas: mergeComponents(registryComponents(apiResponseRegistry, 'output'), registryComponents(requests, 'input')),
      responses: Object.fromEntries(statuses.map((s) => [ERRORS[s].name, envelope(s)])),
      securitySchemes: {
        APIKeyHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'App <key> (or Bearer <key>). Admins create keys on the People & keys page. Each key is owned by a user (a bot gets a user of its own) and acts ' +
            'with that user’s visibility (an Agent key owned by an agent sees the conversations assigned to that agent, in their inboxes and in their queues) and with the lower of the key’s ' +
            'role and the owner’s current role: demoting the owner demotes the key, and while the owner is disabled the key is answered 401. ' +
            'Keys made before owners existed keep acting with their own role until revoked.',
        },
      },
    },
  };
}

let cached: OpenApiDocument | undefined;

/** The document served at /ccaas/1/openapi.json and rendered at /ccaas/docs (built once per process). */
export function openApiDocument(): OpenApiDocument {
  cached ??= build();
  return cached;
}
