import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommand, responseText } from '../../app/ccaas/docs/example-text';
import { documentValidator } from '../test/openapi-ajv';
import { boundOperations, openApiDocument, type JsonSchema, type Operation } from './openapi';
import { OPERATION_EXAMPLES, type OperationExample } from './openapi-examples';
import { queryObject } from './request';

// Every HTTP operation has a request and a response example (lib/http/openapi-examples.ts), and
// each one is something the server accepts and could answer: checked against our document under
// strict Ajv, and the request also against the operation's own input parser, put together as the
// HTTP door (lib/operations/http.ts) puts it together.

const doc = openApiDocument();
const plain = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
const ajv = documentValidator(plain, 'https://switchboard.test/openapi-examples', { strict: true });
const bound = boundOperations();
const documented = (method: string, path: string): Operation => doc.paths[path][method as 'get'] as Operation;
const withExample = bound.flatMap((b) => {
  const example: OperationExample | undefined = OPERATION_EXAMPLES[b.http.operationId];
  return example ? [{ ...b, example, id: b.http.operationId, documented: documented(b.http.method, b.http.path) }] : [];
});

/** Complaints about a value against an inline schema (a parameter's), under the same strict Ajv. */
function againstSchema(schema: JsonSchema, value: unknown): string[] {
  return documentValidator({ components: { schemas: { Value: schema } } }, `https://switchboard.test/param/${Math.random()}`, { strict: true }).component('Value', value);
}

/** The operation's raw input from the example, as the HTTP door builds it from a request. */
function rawInput({ http }: (typeof withExample)[number], ex: OperationExample): unknown {
  const params = ex.request?.params ?? {};
  const url = new URL(`http://switchboard.test${http.path}`);
  for (const [k, v] of Object.entries(ex.request?.query ?? {})) url.searchParams.append(k, v);
  let raw: Record<string, unknown>;
  if (http.from === 'query') raw = { ...queryObject(url), ...params };
  else if (http.from === 'body') raw = { ...(ex.request?.body as object), ...params };
  else if (typeof http.from === 'object') raw = { [http.from.body]: ex.request?.body, ...params };
  else raw = { ...params };
  for (const h of http.headers ?? []) if (ex.request?.headers?.[h.name] !== undefined) raw[h.field] = ex.request.headers[h.name];
  return raw;
}

describe('the API examples', () => {
  it('exist for every HTTP operation', () => {
    const missing = bound.map((b) => b.http.operationId).filter((id) => !OPERATION_EXAMPLES[id]);
    expect(missing, `operations without an example in lib/http/openapi-examples.ts: ${missing.join(', ')}`).toEqual([]);
  });

  // Examples may be written before their operation is merged (the inboxes and customers
  // extensions); once every branch is in, none may name an operation the registry lacks.
  it('name only operations that exist', () => {
    const ids = new Set(bound.map((b) => b.http.operationId));
    const extras = Object.keys(OPERATION_EXAMPLES).filter((id) => !ids.has(id));
    expect(extras, `examples for operations the registry does not have: ${extras.join(', ')}`).toEqual([]);
  });

  it.each(withExample.map((w) => [w.id, w] as const))('%s: the path, query and header examples fit the parameters', (_id, w) => {
    const params = w.example.request?.params ?? {};
    const inPath = [...w.http.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(Object.keys(params).sort(), 'a value for every {param}, and only those').toEqual([...inPath].sort());
    for (const [where, given] of [['path', params], ['query', w.example.request?.query ?? {}], ['header', w.example.request?.headers ?? {}]] as const) {
      for (const [name, value] of Object.entries(given)) {
        const p = w.documented.parameters.find((x) => x.in === where && x.name === name);
        expect(p, `${where} parameter ${name} is not documented`).toBeDefined();
        expect(value, `${where} ${name}`).not.toBe('');
        expect(p?.example, `${where} ${name}: the document carries the example`).toBeDefined();
        expect(againstSchema(p!.schema, p!.example), `${where} ${name} = ${JSON.stringify(p!.example)}`).toEqual([]);
      }
    }
  });

  it.each(withExample.map((w) => [w.id, w] as const))('%s: the request is one the operation accepts', (_id, w) => {
    const schema = w.documented.requestBody?.content['application/json'].schema;
    const body = w.example.request?.body;
    if (!schema) {
      expect(body, 'an operation without a request body has no body example').toBeUndefined();
    } else {
      expect(body, 'an operation with a request body has a body example').toBeDefined();
      const name = schema.$ref!.split('/').pop()!;
      expect(ajv.component(name, body), `body against ${name}`).toEqual([]);
      const named = Object.values(w.documented.requestBody!.content['application/json'].examples ?? {});
      expect(named.map((e) => e.value), 'the document carries the body example').toEqual([body]);
    }
    const parsed = w.op.input.safeParse(rawInput(w, w.example));
    expect(parsed.error?.issues ?? [], 'the operation’s input parser').toEqual([]);
  });

  it.each(withExample.map((w) => [w.id, w] as const))('%s: the response fits the 200 response', (_id, w) => {
    expect(w.example.response, 'a response example').toBeDefined();
    expect(ajv.response(w.http.method, w.http.path, 200, w.example.response)).toEqual([]);
    if ('schema' in w.http.response) expect(w.http.response.schema.safeParse(w.example.response).error?.issues ?? [], 'the zod response schema').toEqual([]);
    const named = Object.values(w.documented.responses[200] && 'content' in w.documented.responses[200] ? (w.documented.responses[200].content?.['application/json'].examples ?? {}) : {});
    expect(named.map((e) => e.value), 'the document carries the response example').toEqual([w.example.response]);
  });

  it('leave the document valid under strict Ajv', () => {
    expect(() => ajv.compileAll()).not.toThrow();
  });

  it('are checked for real: a wrong example is refused', () => {
    // The checks above would pass vacuously if examples were never compared; these must fail.
    const conversation = withExample.find((w) => w.id === 'get-conversation')!;
    expect(ajv.response('get', conversation.http.path, 200, { ...(conversation.example.response as object), status: 'DONE' })).not.toEqual([]);
    const create = withExample.find((w) => w.id === 'create-tag')!;
    expect(ajv.component('CreateTagApiRequest', { name: 'no spaces allowed' })).not.toEqual([]);
    expect(create.op.input.safeParse(rawInput(create, { response: null, request: { body: { name: 'vip', colour: 'red' } } })).success).toBe(false);
  });
});

describe('the examples on the reference page', () => {
  // Each curl command is run by a real shell, with curl replaced by a function that prints its
  // arguments: the command must parse, and carry the example's URL, key, headers and body.
  const run = (command: string): string[] =>
    execFileSync('bash', ['-c', `curl() { printf '%s\\0' "$@"; }\nBASE_URL=https://sb.test\nKEY=sbk_test\n${command}`], { encoding: 'utf8' }).split('\0').slice(0, -1);

  it.each(withExample.map((w) => [w.id, w] as const))('%s: the curl command sends the example', (_id, w) => {
    const args = run(curlCommand(w.http.method, w.http.path, w.documented));
    const method = args.includes('-X') ? args[args.indexOf('-X') + 1] : 'GET';
    expect(method).toBe(w.http.method.toUpperCase());
    const url = new URL(args.find((a) => a.startsWith('https://sb.test'))!);
    const params = w.example.request?.params ?? {};
    expect(decodeURIComponent(url.pathname)).toBe(w.http.path.replace(/\{(\w+)\}/g, (_, n: string) => params[n]));
    expect(Object.fromEntries(url.searchParams)).toEqual(w.example.request?.query ?? {});
    const headers = args.flatMap((a, i) => (args[i - 1] === '-H' ? [a] : []));
    expect(headers.includes('Authorization: App sbk_test')).toBe(!w.http.public);
    for (const [k, v] of Object.entries(w.example.request?.headers ?? {})) expect(headers).toContain(`${k}: ${v}`);
    const body = args.includes('-d') ? JSON.parse(args[args.indexOf('-d') + 1]) : undefined;
    expect(body).toEqual(w.example.request?.body);
    if (body !== undefined) expect(headers).toContain('Content-Type: application/json');
  });

  it.each(withExample.map((w) => [w.id, w] as const))('%s: the response shown is the example', (_id, w) => {
    expect(JSON.parse(responseText(w.documented) ?? 'null')).toEqual(w.example.response);
  });

  it('quotes what a shell would otherwise read: apostrophes, $ and !', () => {
    const op = withExample.find((w) => w.id === 'create-note')!;
    const tricky = { content: "It's $HOME! `date` \\ \"quoted\"" };
    const documented = structuredClone(op.documented);
    documented.requestBody!.content['application/json'].examples = { example: { summary: 'tricky', value: tricky } };
    const args = run(curlCommand('post', op.http.path, documented));
    expect(JSON.parse(args[args.indexOf('-d') + 1])).toEqual(tricky);
  });
});

describe('the document’s words', () => {
  it('never send a reader to the spec (“SPEC §…”), which readers do not have', () => {
    const hits = JSON.stringify(doc).match(/.{0,60}SPEC\s*§.{0,20}/g) ?? [];
    expect(hits).toEqual([]);
  });
});
