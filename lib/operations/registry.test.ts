import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthError, type Actor } from '../access/actor';
import { can, PERMISSION_TABLE } from '../access/roles';
import type { Db } from '../db';
import { openApiDocument, bodySchema, boundOperations } from '../http/openapi';
import { exportedMethods, routeFiles } from '../test/api';
import { OPERATIONS } from './registry';
import { invoke } from './operation';

// The registry is the one place an operation is declared. These checks hold the doors, the role
// table and the OpenAPI document to it, so that none of them can quietly disagree.

const doc = openApiDocument();

describe('the operation registry', () => {
  it('names each operation once, and each names a permission from the role table', () => {
    const names = OPERATIONS.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const op of OPERATIONS) {
      expect(op.name).toMatch(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/);
      expect(op.input, op.name).toBeInstanceOf(z.ZodType);
      expect(typeof op.run, op.name).toBe('function');
      if (op.permission === 'public') expect(op.http?.public, `${op.name} is public but not the document`).toBe(true);
      else expect(Object.keys(PERMISSION_TABLE), op.name).toContain(op.permission);
    }
  });

  it('uses every permission of the role table somewhere', () => {
    const used = new Set<string>(OPERATIONS.map((op) => op.permission));
    // Not an operation's: a page-level and visibility permission (SPEC §2), checked by lib/access/visibility.ts.
    used.add('conversations.seeAll');
    for (const p of Object.keys(PERMISSION_TABLE)) expect(used, p).toContain(p);
  });

  it('refuses an actor below the permission before reading its input or the database', async () => {
    const untouchable = new Proxy({}, { get: () => { throw new Error('the database was touched'); } }) as Db;
    for (const op of OPERATIONS) {
      if (op.permission === 'public') continue;
      for (const role of ['AGENT', 'SUPERVISOR', 'ADMIN'] as const) {
        if (can(role, op.permission)) continue;
        const actor: Actor = { kind: 'apiKey', id: 'k', role, name: 'Key', userId: null };
        const refusal = await invoke(op, { db: untouchable, actor }, { not: 'parsed' }).catch((e: unknown) => e);
        expect(refusal, `${op.name} as ${role}`).toBeInstanceOf(AuthError);
        expect((refusal as AuthError).code).toBe('FORBIDDEN');
      }
    }
  });

  it('answers bad input with the fields at fault, before any domain code runs', async () => {
    const untouchable = new Proxy({}, { get: () => { throw new Error('the database was touched'); } }) as Db;
    const admin: Actor = { kind: 'apiKey', id: 'k', role: 'ADMIN', name: 'Key', userId: null };
    for (const op of OPERATIONS) {
      const shape = op.input instanceof z.ZodObject ? Object.keys(op.input.shape) : [];
      if (!shape.length) continue;
      const refusal = await invoke(op, { db: untouchable, actor: admin }, 42).catch((e: unknown) => e);
      expect((refusal as { code?: string }).code, op.name).toBe('BAD_REQUEST');
    }
  });
});

describe('the HTTP doors', () => {
  it('serve exactly the bound operations: one route file per path, one export per method', async () => {
    const served: string[] = [];
    for (const r of routeFiles()) for (const m of await exportedMethods(r.file)) served.push(`${m} ${r.template}`);
    const bound = boundOperations().map(({ http }) => `${http.method} ${http.path}`);
    expect(new Set(bound).size).toBe(bound.length);
    expect(served.sort()).toEqual(bound.sort());
  });

  it('are one-line bindings: no handler parses input, declares a schema or checks a role by hand', () => {
    for (const r of routeFiles()) {
      const source = fs.readFileSync(r.file, 'utf8');
      expect(source, r.file).not.toMatch(/safeParse\(|\.parse\(|requireActor|z\.(strict)?[oO]bject\(/);
      const exports = source.split('\n').filter((line) => line.startsWith('export '));
      for (const line of exports) expect(line, r.file).toMatch(/^export const (GET|POST|PUT|PATCH|DELETE) = httpRoute\(\w+\);$/);
    }
  });
});

describe('the OpenAPI document', () => {
  const jsonOf = (s: z.ZodType) => JSON.parse(JSON.stringify(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' })));
  const deref = (ref: { $ref?: string }) => (ref.$ref ? doc.components.schemas[ref.$ref.split('/').pop()!] : ref);

  it('has one operation per bound operation, with its id, path, method and tag, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([m, op]) => `${m} ${p} ${op!.operationId} ${op!.tags[0]}`));
    const declared = boundOperations().map(({ http }) => `${http.method} ${http.path} ${http.operationId} ${http.tag}`);
    expect(documented.sort()).toEqual(declared.sort());
  });

  it('documents each body as the operation parses it, and each query parameter the input takes', () => {
    for (const b of boundOperations()) {
      const op = doc.paths[b.http.path]![b.http.method]!;
      const body = bodySchema(b);
      if (!body) expect(op.requestBody, b.op.name).toBeUndefined();
      else {
        const { $schema: _s, ...expected } = jsonOf(body);
        expect(deref(op.requestBody!.content['application/json'].schema as { $ref?: string }), b.op.name).toEqual(expected);
      }
      const inQuery = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      const pathKeys = [...b.http.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const fields = b.http.from === 'query' && b.op.input instanceof z.ZodObject ? Object.keys(b.op.input.shape).filter((k) => !pathKeys.includes(k)) : [];
      expect(inQuery.sort(), b.op.name).toEqual(fields.sort());
      for (const h of b.http.headers ?? []) expect(op.parameters.map((p) => p.name), b.op.name).toContain(h.name);
    }
  });
});
