// Validates response bodies against an OpenAPI 3.1 document's schemas with Ajv (JSON Schema
// 2020-12, the dialect of OpenAPI 3.1). The whole document is added under an id, so `$ref`s like
// `#/components/schemas/X` inside it resolve as they would for any client generator.
import Ajv2020, { type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020';

type Json = Record<string, unknown>;

// The reference declares timestamps `format: date-time`, but SPEC §5 (and Infobip itself) write
// `2025-04-24T11:25:41.058+0000`: an offset without a colon, which strict RFC 3339 refuses. This
// `date-time` accepts both forms, and still refuses anything that is not a real instant.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/i;
export function isApiDateTime(s: string): boolean {
  return DATE_TIME.test(s) && !Number.isNaN(Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
}

const int = (bits: number) => (n: number) => Number.isInteger(n) && n >= -(2 ** (bits - 1)) && n < 2 ** (bits - 1);

function newAjv(strict: boolean): Ajv2020 {
  // The reference is third-party and carries OpenAPI's `example` keyword, unknown to JSON Schema:
  // it is checked leniently. Our own document must be clean 2020-12 and is checked strictly.
  const ajv = new Ajv2020({ strict, allErrors: true });
  ajv.addFormat('date-time', isApiDateTime);
  ajv.addFormat('int32', { type: 'number', validate: int(32) });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  return ajv;
}

export type DocumentValidator = {
  /** Whether the operation documents this status. */
  documents(method: string, path: string, status: number): boolean;
  /** Ajv's complaints about `body` as the response of an operation with this status; empty when valid. */
  response(method: string, path: string, status: number, body: unknown): string[];
  /** Complaints about `body` against `#/components/schemas/<name>`. */
  component(name: string, body: unknown): string[];
  /** Compiles every component schema (throws on a schema Ajv refuses). */
  compileAll(): void;
};

export function documentValidator(doc: Json, id: string, opts: { strict: boolean }): DocumentValidator {
  const ajv = newAjv(opts.strict);
  // Only `components` is added: it holds every schema, and the rest of an OpenAPI document is not
  // JSON Schema. To Ajv it is an unknown keyword that only holds subschemas, so it is declared.
  ajv.addKeyword('components');
  ajv.addSchema({ $id: id, components: doc.components } as AnySchemaObject);
  const compiled = new Map<string, ValidateFunction>();
  const paths = doc.paths as Record<string, Record<string, { responses: Record<string, Json> }>>;

  const run = (key: string, body: unknown, schema: AnySchemaObject = { $ref: key }): string[] => {
    let v = compiled.get(key);
    if (!v) compiled.set(key, (v = ajv.compile(schema)));
    return v(body) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  };

  /** The response's schema, inline or through `#/components/responses/X`. */
  const responseSchema = (method: string, path: string, status: number): Json | undefined => {
    let r = paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
    if (r && typeof r.$ref === 'string') {
      const name = r.$ref.split('/').pop() as string;
      r = (doc.components as Record<string, Record<string, Json>>).responses[name];
    }
    return (r?.content as Record<string, { schema: Json }> | undefined)?.['application/json']?.schema;
  };

  return {
    documents: (method, path, status) => responseSchema(method, path, status) !== undefined,
    response(method, path, status, body) {
      const schema = responseSchema(method, path, status);
      if (!schema) return [`${method.toUpperCase()} ${path} documents no ${status} response`];
      if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/components/')) return run(`${id}${schema.$ref}`, body);
      // An inline schema (only plain ones are used inline, so no refs to resolve).
      return run(`inline ${method} ${path} ${status}`, body, schema);
    },
    component: (name, body) => run(`${id}#/components/schemas/${name}`, body),
    compileAll() {
      for (const name of Object.keys((doc.components as Record<string, Json>).schemas)) run(`${id}#/components/schemas/${name}`, null);
    },
  };
}
