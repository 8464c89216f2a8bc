import type { Operation, Parameter, ResponseObject } from '@/lib/http/openapi';
import type { HttpMethod } from '@/lib/operations/http-binding';

// The examples the OpenAPI document carries (lib/http/openapi-examples.ts), as the reference page
// shows them: a curl command a reader can paste into a shell, and the JSON that comes back. The
// command reads two shell variables, BASE_URL (where Switchboard runs) and KEY (an API key).

/** A shell word in single quotes; a quote inside becomes '\''. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A value in a URL, with the characters a query string reads well with left as they are. */
function urlValue(v: unknown): string {
  const text = Array.isArray(v) ? v.map(String).join(',') : String(v);
  // `!` would start history expansion inside the command's double quotes.
  return encodeURIComponent(text).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/!/g, '%21');
}

/** JSON on one line, spaced as a person writes it: `{ "a": 1, "b": [1, 2] }`. */
function oneLine(v: unknown): string {
  if (Array.isArray(v)) return v.length ? `[${v.map(oneLine).join(', ')}]` : '[]';
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return entries.length ? `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${oneLine(x)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * JSON indented by two spaces, where an object or array that fits in `width` characters stays on
 * one line (a routing condition, a day of the week), so that an example reads in a screenful.
 * The outermost value is always opened up.
 */
export function readableJson(value: unknown, width = 80): string {
  const write = (v: unknown, indent: string, used: number, top: boolean): string => {
    const line = oneLine(v);
    if (!v || typeof v !== 'object' || (!top && used + line.length <= width)) return line;
    const inner = `${indent}  `;
    if (Array.isArray(v)) return v.length ? `[\n${v.map((x) => inner + write(x, inner, inner.length, false)).join(',\n')}\n${indent}]` : '[]';
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (!entries.length) return '{}';
    const members = entries.map(([k, x]) => {
      const key = `${inner}${JSON.stringify(k)}: `;
      return key + write(x, inner, key.length, false);
    });
    return `{\n${members.join(',\n')}\n${indent}}`;
  };
  return write(value, '', 0, true);
}

const examples = (ps: Parameter[], where: Parameter['in']) => ps.filter((p) => p.in === where && p.example !== undefined);

/** The first named example of a media type, or its single `example`. */
export function exampleValue(content: ResponseObject['content']): unknown {
  const media = content?.['application/json'];
  if (!media) return undefined;
  const named = Object.values(media.examples ?? {});
  return named.length ? named[0].value : media.example;
}

/** The request as a curl command: method, path with the example ids, query string, headers and body. */
export function curlCommand(method: HttpMethod, path: string, op: Operation): string {
  const inPath = new Map(examples(op.parameters, 'path').map((p) => [p.name, p.example]));
  const url = path.replace(/\{(\w+)\}/g, (whole, name: string) => (inPath.has(name) ? urlValue(inPath.get(name)) : whole));
  const query = examples(op.parameters, 'query').map((p) => `${encodeURIComponent(p.name)}=${urlValue(p.example)}`);
  const body = op.requestBody ? exampleValue(op.requestBody.content) : undefined;
  const parts = [`curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} "$BASE_URL${url}${query.length ? `?${query.join('&')}` : ''}"`];
  // An empty security list marks the one operation that needs no key (the document itself).
  if (op.security?.length !== 0) parts.push('-H "Authorization: App $KEY"');
  for (const h of examples(op.parameters, 'header')) parts.push(`-H ${shellQuote(`${h.name}: ${String(h.example)}`)}`);
  if (body !== undefined) parts.push(`-H 'Content-Type: application/json'`, `-d ${shellQuote(readableJson(body))}`);
  return parts.join(' \\\n  ');
}

/** The 200 answer's example, as indented JSON; undefined when the document has none. */
export function responseText(op: Operation): string | undefined {
  const ok = op.responses[200];
  if (!ok || '$ref' in ok) return undefined;
  const value = exampleValue(ok.content);
  return value === undefined ? undefined : readableJson(value);
}
