// Drives the /ccaas/1 route handlers in-process, as Next.js would call them, for the contract and
// fuzz tests. The test file mocks `@/lib/db` so that `db()` in lib/http/handler.ts is its database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NextRequest } from 'next/server';
import type { PrismaClient } from '../generated/prisma/client';
import { createApiKey, hashApiKey } from '../auth/api-keys';
import { systemActor } from '../access/actor';
import { HTTP_METHODS, type HttpMethod } from '../operations/http-binding';

const API_DIR = fileURLToPath(new URL('../../app/ccaas/1/', import.meta.url));

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type RouteFile = { file: string; template: string };

/** Every route.ts under app/ccaas/1 with its OpenAPI path (`[conversationId]` → `{conversationId}`), the catch-all aside. */
export function routeFiles(): RouteFile[] {
  return (fs.readdirSync(API_DIR, { recursive: true }) as string[])
    .filter((rel) => path.basename(rel) === 'route.ts' && !rel.includes('[...'))
    .map((rel) => {
      const dir = path.dirname(rel).split(path.sep).join('/');
      return { file: path.join(API_DIR, rel), template: `/ccaas/1/${dir}`.replace(/\[(\w+)\]/g, '{$1}') };
    })
    .sort((a, b) => a.template.localeCompare(b.template));
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

function load(file: string): Promise<Record<string, unknown>> {
  let m = modules.get(file);
  if (!m) modules.set(file, (m = import(file) as Promise<Record<string, unknown>>));
  return m;
}

/** The HTTP methods a route module exports, lower-case as in OpenAPI. */
export async function exportedMethods(file: string): Promise<HttpMethod[]> {
  const mod = await load(file);
  return HTTP_METHODS.filter((m) => typeof mod[m.toUpperCase()] === 'function');
}

export const CATCH_ALL = path.join(API_DIR, '[...rest]', 'route.ts');

export type ApiCall = {
  method: HttpMethod;
  template: string;
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string | undefined>;
  /** Sent as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  /** Route a path that has no handler to the catch-all, as Next.js does. */
  catchAll?: boolean;
};
export type ApiResult = { status: number; json: unknown; headers: Headers };

export async function callApi(c: ApiCall): Promise<ApiResult> {
  const route = c.catchAll ? { file: CATCH_ALL } : routeFiles().find((r) => r.template === c.template);
  if (!route) throw new Error(`No route file for ${c.template}`);
  const handler = (await load(route.file))[c.method.toUpperCase()] as Handler | undefined;
  if (!handler) throw new Error(`${route.file} exports no ${c.method.toUpperCase()}`);
  const pathname = c.template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(c.params?.[k] ?? ''));
  const url = new URL(`http://localhost${pathname}`);
  for (const [k, v] of Object.entries(c.query ?? {})) for (const one of [v].flat()) url.searchParams.append(k, one);
  const headers = new Headers();
  for (const [k, v] of Object.entries(c.headers ?? {})) if (v !== undefined) headers.set(k, v);
  const body = c.rawBody ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
  if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const req = new NextRequest(url, { method: c.method.toUpperCase(), headers, ...(body !== undefined && { body }) });
  // Next.js hands a catch-all its segments as an array; named segments arrive decoded.
  const params = c.catchAll ? { rest: pathname.split('/').slice(3) } : (c.params ?? {});
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

export type TestKeys = {
  /** `Authorization` header values. */
  admin: string;
  /** An AGENT key of its own: SPEC §2 visibility goes through a user, so it sees no conversation. */
  agent: string;
  /** A key owned by an agent user: it sees what that agent sees. */
  agentUser: string;
  agentUserId: string;
};

export async function makeTestKeys(prisma: PrismaClient): Promise<TestKeys> {
  const tag = crypto.randomBytes(4).toString('hex');
  const admin = await createApiKey(prisma, systemActor('test'), { name: `admin ${tag}`, role: 'ADMIN' });
  const agent = await createApiKey(prisma, systemActor('test'), { name: `agent ${tag}`, role: 'AGENT' });
  const user = await prisma.user.create({ data: { email: `agent-${tag}@t.example`, name: `Agent ${tag}`, passwordHash: 'x', role: 'AGENT' } });
  const owned = `sbk_${crypto.randomBytes(32).toString('base64url')}`;
  await prisma.apiKey.create({ data: { name: `owned ${tag}`, prefix: owned.slice(0, 12), hash: hashApiKey(owned), userId: user.id } });
  return { admin: `App ${admin.key}`, agent: `App ${agent.key}`, agentUser: `Bearer ${owned}`, agentUserId: user.id };
}
