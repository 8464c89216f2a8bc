import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, makeTestKeys, type ApiCall, type TestKeys } from '../test/api';
import { documentValidator } from '../test/openapi-ajv';
import { uid } from '../test/fixtures';
import { systemActor } from '../access/actor';
import { apiErrorSchema } from '../validation/api-responses';
import { openApiDocument } from './openapi';

// A queue's assignment policy over the API: stored in the Queue columns, answered on every queue
// response, refused with a field message when it is not one, and changes that can let waiting
// conversations be assigned call the backlog drain (spied on: its body is the assignment's).

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
const Q = '/ccaas/1/queues';
const ONE = `${Q}/{queueId}`;

async function expectCall(call: ApiCall, status: number): Promise<Json> {
  const res = await callApi(call);
  const where = `${call.method.toUpperCase()} ${call.template} → ${res.status} ${JSON.stringify(res.json).slice(0, 400)}`;
  expect(res.status, where).toBe(status);
  expect(ourDoc.response(call.method, call.template, status, res.json), where).toEqual([]);
  if (status >= 300) expect(apiErrorSchema.safeParse(res.json).error?.issues ?? [], where).toEqual([]);
  return res.json as Json;
}

const DEFAULTS = {
  isAutoAssignmentEnabled: true,
  autoAssignmentAlgorithm: 'ROUND_ROBIN',
  isAutoAssignmentOutsideOfWorkingHoursEnabled: false,
  isStickyAutoAssignmentEnabled: false,
  stickyAgentTimeoutDays: 7,
};

describeEachEngine('queue assignment policy over the API', (ctx) => {
  let keys: TestKeys;
  let supervisor: string;
  const p = () => ctx.prisma as PrismaClient;
  const as = (authorization: string) => ({ authorization });
  const admin = () => as(keys.admin);
  const create = (body: Json, status = 200) => expectCall({ method: 'post', template: Q, headers: admin(), body }, status);
  const put = (queueId: string, body: Json, status = 200, headers = admin()) => expectCall({ method: 'put', template: ONE, params: { queueId }, headers, body }, status);
  const read = (queueId: string) => expectCall({ method: 'get', template: ONE, params: { queueId }, headers: admin() }, 200);
  const columns = (id: string) =>
    p().queue.findUniqueOrThrow({ where: { id }, select: { autoAssign: true, algorithm: true, assignOutsideHours: true, sticky: true, stickyDays: true } });

  beforeAll(async () => {
    state.prisma = ctx.prisma;
    keys = await makeTestKeys(p());
    const { createApiKey } = await import('../auth/api-keys');
    supervisor = `App ${(await createApiKey(p(), systemActor('test'), { name: uid('sup'), role: 'SUPERVISOR' })).key}`;
  });
  beforeEach(() => {
    state.drains = [];
  });
  afterAll(() => {
    state.drains = [];
  });

  it('answers Switchboard’s defaults on a new queue (on, round robin), in the list and one by one', async () => {
    const q = await create({ name: uid('Defaults') });
    expect(q).toMatchObject(DEFAULTS);
    expect(await columns(q.id as string)).toEqual({ autoAssign: true, algorithm: 'ROUND_ROBIN', assignOutsideHours: false, sticky: false, stickyDays: null });
    const listed = await expectCall({ method: 'get', template: Q, headers: admin(), query: { queueIds: q.id as string } }, 200);
    expect(listed.queues).toMatchObject([DEFAULTS]);
  });

  it('takes the whole policy on create (beyond the reference’s create body) and stores it', async () => {
    const body = { name: uid('Sticky'), isAutoAssignmentEnabled: false, autoAssignmentAlgorithm: 'PERFORMANCE_BASED', isAutoAssignmentOutsideOfWorkingHoursEnabled: true, isStickyAutoAssignmentEnabled: true, stickyAgentTimeoutDays: 30 };
    const q = await create(body);
    const { name: _n, ...policy } = body;
    expect(q).toMatchObject(policy);
    expect(await read(q.id as string)).toMatchObject(policy);
    expect(await columns(q.id as string)).toEqual({ autoAssign: false, algorithm: 'PERFORMANCE_BASED', assignOutsideHours: true, sticky: true, stickyDays: 30 });
  });

  it('changes what is sent, keeps what is left out or null, and defaults the sticky timeout to 7 days', async () => {
    const id = (await create({ name: uid('Change') })).id as string;
    expect(await put(id, { autoAssignmentAlgorithm: 'LOAD_BALANCING' })).toMatchObject({ ...DEFAULTS, autoAssignmentAlgorithm: 'LOAD_BALANCING' });
    // null switches are "unchanged", as the reference's bodies send them.
    await put(id, { isAutoAssignmentEnabled: null, autoAssignmentAlgorithm: null, isStickyAutoAssignmentEnabled: null, isAutoAssignmentOutsideOfWorkingHoursEnabled: null });
    expect(await columns(id)).toMatchObject({ autoAssign: true, algorithm: 'LOAD_BALANCING', sticky: false, stickyDays: null });

    // Sticky on without a timeout stores the default, so the assignment never meets a sticky queue without one.
    expect(await put(id, { isStickyAutoAssignmentEnabled: true })).toMatchObject({ isStickyAutoAssignmentEnabled: true, stickyAgentTimeoutDays: 7 });
    expect((await columns(id)).stickyDays).toBe(7);
    await put(id, { stickyAgentTimeoutDays: 365 });
    expect(await read(id)).toMatchObject({ isStickyAutoAssignmentEnabled: true, stickyAgentTimeoutDays: 365 });
    // null while sticky: back to the default.
    await put(id, { stickyAgentTimeoutDays: null });
    expect((await columns(id)).stickyDays).toBe(7);
    // Not sticky: null clears it, and the answer shows the default that would apply.
    await put(id, { isStickyAutoAssignmentEnabled: false, stickyAgentTimeoutDays: null });
    expect(await columns(id)).toMatchObject({ sticky: false, stickyDays: null });
    expect(await read(id)).toMatchObject({ isStickyAutoAssignmentEnabled: false, stickyAgentTimeoutDays: 7 });
  });

  it('refuses what is not a policy with a message by each field, and changes nothing', async () => {
    const id = (await create({ name: uid('Refuse'), autoAssignmentAlgorithm: 'LOAD_BALANCING' })).id as string;
    const before = await read(id);
    const bad: [Json, string][] = [
      [{ autoAssignmentAlgorithm: 'FASTEST' }, 'autoAssignmentAlgorithm'],
      [{ autoAssignmentAlgorithm: 'round_robin' }, 'autoAssignmentAlgorithm'],
      [{ stickyAgentTimeoutDays: 0 }, 'stickyAgentTimeoutDays'],
      [{ stickyAgentTimeoutDays: 366 }, 'stickyAgentTimeoutDays'],
      [{ stickyAgentTimeoutDays: 2.5 }, 'stickyAgentTimeoutDays'],
      [{ stickyAgentTimeoutDays: '7' }, 'stickyAgentTimeoutDays'],
      [{ isAutoAssignmentEnabled: 'yes' }, 'isAutoAssignmentEnabled'],
      [{ isStickyAutoAssignmentEnabled: 1 }, 'isStickyAutoAssignmentEnabled'],
      [{ isAutoAssignmentOutsideOfWorkingHoursEnabled: 'false' }, 'isAutoAssignmentOutsideOfWorkingHoursEnabled'],
    ];
    for (const [body, field] of bad) {
      // Each refused body also carries a valid change, which must not be applied either.
      const res = await put(id, { ...body, name: uid('Renamed'), isStickyAutoAssignmentEnabled: (body.isStickyAutoAssignmentEnabled as boolean) ?? true }, 400);
      const { validationErrors } = (res as { requestError: { serviceException: { validationErrors: Json } } }).requestError.serviceException;
      expect(Object.keys(validationErrors), JSON.stringify(body)).toEqual([field]);
    }
    expect(await read(id)).toEqual(before);
    await create({ name: uid('Bad create'), stickyAgentTimeoutDays: 400 }, 400);
    expect(await p().queue.count({ where: { name: { startsWith: 'Bad create' } } })).toBe(0);
  });

  it('lets supervisors change the policy and refuses agents', async () => {
    const id = (await create({ name: uid('Roles') })).id as string;
    await put(id, { autoAssignmentAlgorithm: 'PERFORMANCE_BASED' }, 200, as(supervisor));
    await put(id, { autoAssignmentAlgorithm: 'LOAD_BALANCING' }, 403, as(keys.agent));
    expect((await columns(id)).algorithm).toBe('PERFORMANCE_BASED');
  });

  it('drains the queue when a change can let its waiting conversations be assigned, and only then', async () => {
    const id = (await create({ name: uid('Drain') })).id as string;
    const hours = (await p().workingHours.create({ data: { name: uid('Hours'), timezone: 'Etc/UTC', message: 'Closed.', workWeek: {} } })).id;
    const drainsFor = async (body: Json) => {
      state.drains = [];
      await put(id, body);
      return state.drains;
    };
    const queueDrain = [{ queueIds: [id] }];
    expect(await drainsFor({ autoAssignmentAlgorithm: 'LOAD_BALANCING' })).toEqual(queueDrain);
    expect(await drainsFor({ autoAssignmentAlgorithm: 'LOAD_BALANCING' })).toEqual([]);
    expect(await drainsFor({ name: uid('Drain renamed'), isStickyAutoAssignmentEnabled: true })).toEqual([]);
    expect(await drainsFor({ workingHoursId: hours })).toEqual(queueDrain);
    expect(await drainsFor({ isAutoAssignmentOutsideOfWorkingHoursEnabled: true })).toEqual(queueDrain);
    // Off: nothing can be assigned, whatever else changes; on again: drain.
    expect(await drainsFor({ isAutoAssignmentEnabled: false })).toEqual([]);
    expect(await drainsFor({ autoAssignmentAlgorithm: 'ROUND_ROBIN', workingHoursId: null })).toEqual([]);
    expect(await drainsFor({ isAutoAssignmentEnabled: true })).toEqual(queueDrain);
    // A refused change drains nothing.
    expect(await (async () => {
      state.drains = [];
      await put(id, { isAutoAssignmentEnabled: false, autoAssignmentAlgorithm: 'NOPE' }, 400);
      return state.drains;
    })()).toEqual([]);
  });

  it('drains for a new queue member, not for one who already was', async () => {
    const id = (await create({ name: uid('Members') })).id as string;
    const agent = await p().user.create({ data: { email: `${uid('m')}@t.example`, name: uid('Member'), passwordHash: 'x' } });
    const add = () => expectCall({ method: 'post', template: '/ccaas/1/agents/{agentId}/queues', params: { agentId: agent.id }, headers: admin(), body: { queueId: id } }, 200);
    await add();
    expect(state.drains).toEqual([{ agentId: agent.id }]);
    state.drains = [];
    await add();
    expect(state.drains).toEqual([]);
  });

  it('a failing drain is logged and the change stands', async () => {
    const { drainWaiting } = await import('../domain/assignment/drain');
    const id = (await create({ name: uid('Failing drain') })).id as string;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.mocked(drainWaiting).mockImplementationOnce(async () => {
      throw new Error('drain broke');
    });
    try {
      expect(await put(id, { autoAssignmentAlgorithm: 'LOAD_BALANCING' })).toMatchObject({ autoAssignmentAlgorithm: 'LOAD_BALANCING' });
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
    expect((await columns(id)).algorithm).toBe('LOAD_BALANCING');
  });
});
