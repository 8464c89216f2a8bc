import type { JsonSchema, OpenApiDocument, Ref, ResponseObject } from '@/lib/http/openapi';

// Turns the generated OpenAPI document into the words the reference page shows. Only the JSON
// Schema that lib/http/openapi.ts produces needs handling, not JSON Schema in general.

export type FieldRow = { name: string; type: string; required: boolean; notes: string[]; values?: string[]; description?: string };

const REF_PREFIX = '#/components/schemas/';

export const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

function isSchema(s: unknown): s is JsonSchema {
  return typeof s === 'object' && s !== null && !Array.isArray(s);
}

function variants(s: JsonSchema): JsonSchema[] {
  return (s.anyOf ?? s.oneOf ?? []).filter((v) => v.type !== 'null');
}

const nullable = (s: JsonSchema) => (s.anyOf ?? s.oneOf ?? []).some((v) => v.type === 'null');

/** A short type: `string`, `integer`, `ConversationApiModel`, `array of TagApiResponse`, `object`. */
export function typeLabel(s: JsonSchema): string {
  if (s.$ref) return refName(s.$ref);
  const vs = variants(s);
  if (vs.length) {
    const label = [...new Set(vs.map(typeLabel))].join(' or ');
    return nullable(s) ? `${label} or null` : label;
  }
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === 'array') return `array of ${isSchema(s.items) ? typeLabel(s.items) : 'any'}`;
  if (s.type === 'object' && !s.properties && s.additionalProperties !== false) return 'object (free JSON)';
  if (Array.isArray(s.type)) return s.type.join(' or ');
  return s.type ?? 'any';
}

/** Limits worth telling a client: lengths, ranges, patterns, defaults, examples. */
export function constraints(s: JsonSchema): string[] {
  const inner = variants(s).length === 1 ? { ...variants(s)[0], ...s } : s;
  const out: string[] = [];
  const { minLength: min, maxLength: max } = inner;
  if (min !== undefined && max !== undefined) out.push(`${min}–${max} characters`);
  else if (max !== undefined) out.push(`at most ${max} characters`);
  else if (min) out.push(`at least ${min} character${min === 1 ? '' : 's'}`);
  if (inner.minimum !== undefined && inner.maximum !== undefined && inner.maximum < Number.MAX_SAFE_INTEGER) out.push(`${inner.minimum}–${inner.maximum}`);
  if (inner.maxItems !== undefined) out.push(`at most ${inner.maxItems} items`);
  if (isSchema(inner.items) && inner.items.pattern) out.push(`each matches ${inner.items.pattern}`);
  // An example reads better than a date regex; patterns are shown only where there is none.
  if (inner.pattern && !inner.examples?.length) out.push(`matches ${inner.pattern}`);
  if (inner.default !== undefined) out.push(`default ${JSON.stringify(inner.default)}`);
  if (inner.examples?.length) out.push(`e.g. ${inner.examples.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join(', ')}`);
  return out;
}

/** Allowed values of an enum (or of an array of enums). */
export function enumValues(s: JsonSchema): string[] | undefined {
  const inner = variants(s).length === 1 ? variants(s)[0] : s;
  const source = inner.type === 'array' && isSchema(inner.items) ? inner.items : inner;
  return source.enum?.map(String);
}

function field(name: string, s: JsonSchema, required: boolean): FieldRow {
  const values = enumValues(s);
  return {
    name,
    type: values ? `${s.type === 'array' ? 'array of enum' : 'enum'}${nullable(s) ? ' or null' : ''}` : typeLabel(s),
    required,
    notes: constraints(s),
    ...(values && { values }),
    ...(s.description && { description: s.description }),
  };
}

/** One row per field, nested objects flattened to dotted names (`customer.email`). */
export function fieldRows(s: JsonSchema, prefix = '', parentRequired = true): FieldRow[] {
  const forms = variants(s).filter((v) => v.type === 'object' && v.properties);
  if (forms.length) {
    // Several object forms (a customer by id, or by email/phone): list each form's fields once,
    // none of them required on its own.
    const seen = new Set<string>();
    return forms.flatMap((f) => fieldRows(f, prefix, parentRequired && forms.length === 1)).filter((r) => !seen.has(r.name) && seen.add(r.name));
  }
  const rows: FieldRow[] = [];
  const required = new Set(s.required ?? []);
  for (const [name, raw] of Object.entries(s.properties ?? {})) {
    if (!isSchema(raw)) continue;
    const full = prefix + name;
    const req = parentRequired && required.has(name);
    rows.push(field(full, raw, req));
    const nested = variants(raw).length ? raw : raw.type === 'object' && raw.properties ? raw : undefined;
    if (nested) rows.push(...fieldRows(nested, `${full}.`, req));
    else if (raw.type === 'array' && isSchema(raw.items) && raw.items.properties) rows.push(...fieldRows(raw.items, `${full}[].`, req));
  }
  return rows;
}

/** A body's rows; a list body (the route list) is described by its items. */
export function bodyRows(s: JsonSchema): { note?: string; rows: FieldRow[] } {
  if (s.type === 'array' && isSchema(s.items)) {
    return { note: `A JSON array${s.maxItems !== undefined ? ` of at most ${s.maxItems} items` : ''}, each:`, rows: fieldRows(s.items) };
  }
  return { rows: fieldRows(s) };
}

export function schemaFor(doc: OpenApiDocument, s: JsonSchema): JsonSchema {
  return s.$ref?.startsWith(REF_PREFIX) ? (doc.components.schemas[refName(s.$ref)] ?? s) : s;
}

export function resolveResponse(doc: OpenApiDocument, r: ResponseObject | Ref): ResponseObject {
  return '$ref' in r ? (doc.components.responses[refName(r.$ref)] ?? { description: r.$ref }) : r;
}

/** The component a response or body points at, for a link to its model. */
export function contentRef(content: ResponseObject['content']): string | undefined {
  const s = content?.['application/json'].schema;
  return s?.$ref ? refName(s.$ref) : undefined;
}
