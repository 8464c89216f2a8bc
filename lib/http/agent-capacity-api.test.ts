import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, makeTestKeys, type ApiCall, type TestKeys } from '../test/api';
import { documentValidator } from '../test/openapi-ajv';
import { uid } from '../test/fixtures';
import { systemActor } from '../access/actor';
import { apiAgentPageSchema, apiAgentSchema } from '../validation/api-responses-agents';
import { openApiDocument } from './openapi';

// Agent capacity over the API, an extension beyond the reference: POST and PUT /agents take it,
// every agent answer carries it, only admins change it, and raising it calls the backlog drain.

const state = vi.hoisted(() => ({ prisma: undefined as unknown, drains: [] as unknown[] }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));
vi.mock('../domain/assignment/drain', async (original) => {
  const actual = await original<typeof import('../domain/assignment/drain')>();
  return {
    ...actual,
    drainWaiting: vi.fn(async (...args: Parameters<typeof actual.drainWaiting>) => {
      state.drains.push(args[1]);
      return actual.drainWaiting(...args);
    }),
  };
});

type Json = Record<string, unknown>;
const ourDoc = documentValidator(JSON.parse(JSON.stringify(openApiDocument())), 'https://switchboard.test/openapi', { strict: true });
const A = '/ccaas/1/agents';
const ONE = `${A}/{agentId}`;

async function expectCall(call: ApiCall, status: number): Promise<Json> {
  const res = await callApi(call);
  const where = `${call.method.toUpperCase()} ${call.template} → ${res.status} ${JSON.stringify(res.json).slice(0, 400)}`;
  expect(res.status, where).toBe(status);
  expect(ourDoc.response(call.method, call.template, status, res.json), where).toEqual([]);
  return res.json as Json;
}

const fieldsOf = (res: Json) => Object.keys((res as { requestError: { serviceException: { validationErrors: Json } } }).requestError.serviceException.validationErrors);

describeEachEngine('agent capacity over the API', (ctx) => {
  let keys: TestKeys;
  let supervisor: string;
  const p = () => ctx.prisma as PrismaClient;
  const admin = () => ({ authorization: keys.admin });
  const body = (name: string, extra: Json = {}) => ({ displayName: name, status: 'INVISIBLE', role: 'AGENT', ...extra });
  const put = (agentId: string, b: Json, status = 200, headers = admin()) => expectCall({ method: 'put', template: ONE, params: { agentId }, headers, body: b }, status);
  const stored = async (id: string) => (await p().user.findUniqueOrThrow({ where: { id }, select: { capacity: true } })).capacity;

  beforeAll(async () => {
    state.prisma = ctx.prisma;
    keys = await makeTestKeys(p());
    const { createApiKey } = await import('../auth/api-keys');
    supervisor = `App ${(await createApiKey(p(), systemActor('test'), { name: uid('sup'), role: 'SUPERVISOR' })).key}`;
  });
  beforeEach(() => {
    state.drains = [];
  });

  it('creates with a capacity or unlimited, and answers it on every agent response', async () => {
    const name = uid('Cap');
    const capped = await expectCall({ method: 'post', template: A, headers: admin(), body: { ...body(name), email: `${name}@example.com`, capacity: 3 } }, 200);
    expect(capped.capacity).toBe(3);
    expect(await stored(capped.id as string)).toBe(3);
    const free = await expectCall({ method: 'post', template: A, headers: admin(), body: { ...body(uid('Free')), email: `${uid('free')}@example.com` } }, 200);
    expect(free.capacity).toBeNull();

    const one = await expectCall({ method: 'get', template: ONE, params: { agentId: capped.id as string }, headers: admin() }, 200);
    expect(apiAgentSchema.parse(one).capacity).toBe(3);
    const page = apiAgentPageSchema.parse(await expectCall({ method: 'get', template: A, headers: admin(), query: { agentIds: [capped.id as string, free.id as string] } }, 200));
    expect(Object.fromEntries(page.agents.map((a) => [a.id, a.capacity]))).toEqual({ [capped.id as string]: 3, [free.id as string]: null });
  });

  it('PUT: left out keeps it, a number sets it, null makes it unlimited; raising drains, lowering does not', async () => {
    const name = uid('Put');
    const id = (await expectCall({ method: 'post', template: A, headers: admin(), body: { ...body(name), email: `${name}@example.com`, capacity: 3 } }, 200)).id as string;
    const change = async (extra: Json) => {
      state.drains = [];
      const answer = await put(id, body(name, extra));
      return { capacity: answer.capacity, drains: state.drains };
    };
    expect(await change({})).toEqual({ capacity: 3, drains: [] });
    expect(await change({ capacity: 5 })).toEqual({ capacity: 5, drains: [{ agentId: id }] });
    expect(await change({ capacity: 5 })).toEqual({ capacity: 5, drains: [] });
    expect(await change({ capacity: 2 })).toEqual({ capacity: 2, drains: [] });
    expect(await change({ capacity: null })).toEqual({ capacity: null, drains: [{ agentId: id }] });
    expect(await change({ capacity: 1000 })).toEqual({ capacity: 1000, drains: [] });
    expect(await stored(id)).toBe(1000);
    // The agent as read, sent back as it is, changes nothing.
    const read = await expectCall({ method: 'get', template: ONE, params: { agentId: id }, headers: admin() }, 200);
    expect((await put(id, read)).capacity).toBe(1000);
  });

  it('refuses what is not a capacity with a message by the field, and changes nothing', async () => {
    const name = uid('Bad');
    const id = (await expectCall({ method: 'post', template: A, headers: admin(), body: { ...body(name), email: `${name}@example.com`, capacity: 4 } }, 200)).id as string;
    for (const capacity of [0, -1, 1001, 2.5, '5', true]) {
      const res = await put(id, body(uid('Renamed'), { capacity }), 400);
      expect(fieldsOf(res), JSON.stringify(capacity)).toEqual(['capacity']);
    }
    const user = await p().user.findUniqueOrThrow({ where: { id }, select: { capacity: true, name: true } });
    expect(user).toEqual({ capacity: 4, name });
    const bad = await expectCall({ method: 'post', template: A, headers: admin(), body: { ...body(uid('No')), email: `${uid('no')}@example.com`, capacity: 0 } }, 400);
    expect(fieldsOf(bad)).toEqual(['capacity']);
    expect(state.drains).toEqual([]);
  });

  it('only admins change it (SPEC §2): a supervisor’s key is refused', async () => {
    const name = uid('Sup');
    const id = (await expectCall({ method: 'post', template: A, headers: admin(), body: { ...body(name), email: `${name}@example.com`, capacity: 2 } }, 200)).id as string;
    await put(id, body(name, { capacity: 9 }), 403, { authorization: supervisor });
    await put(id, body(name, { capacity: 9 }), 403, { authorization: keys.agent });
    expect(await stored(id)).toBe(2);
  });
});
