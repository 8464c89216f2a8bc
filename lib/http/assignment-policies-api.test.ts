import { beforeAll, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, type ApiCall } from '../test/api';
import { createApiKey } from '../auth/api-keys';
import { systemActor } from '../access/actor';
import { seed } from '../../prisma/seed';

// Issue 13's "done means", over the API alone, on the seeded demo: working hours closed now keep a
// routed conversation waiting and send the away message once; capacity 2 on three agents leaves the
// seventh conversation waiting until a close frees room; a returning customer goes back to their
// agent when sticky is on; LOAD_BALANCING picks the agent with the fewest open.

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

type Json = Record<string, unknown>;
const CLOSED_WEEK = Object.fromEntries(
  ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((d) => [d, { startTime: 540, endTime: 1020, enabled: false }]),
);

describeEachEngine('assignment policies over the API', (ctx) => {
  let admin: string;
  const api = async (c: Omit<ApiCall, 'headers'>, status = 200) => {
    const res = await callApi({ ...c, headers: { authorization: admin } });
    expect(res.status, `${c.method.toUpperCase()} ${c.template} → ${JSON.stringify(res.json)?.slice(0, 400)}`).toBe(status);
    return res.json as Json;
  };
  let inboxId: string;
  let agents: Json[];
  let queueId: string;
  const createIn = (body: Json = {}) => api({ method: 'post', template: '/ccaas/1/conversations', body: { inboxId, queueId, topic: 'policy', ...body } });
  const putQueue = (body: Json) => api({ method: 'put', template: '/ccaas/1/queues/{queueId}', params: { queueId }, body: { name: 'Policy scenario', ...body } });
  const openOf = async (agentId: string) =>
    ((await api({ method: 'get', template: '/ccaas/1/conversations', query: { agentId, status: 'OPEN', limit: '999' } })).conversations as Json[]).length;

  beforeAll(async () => {
    const p = ctx.prisma as PrismaClient;
    state.prisma = p;
    await seed(p, { conversations: 0 });
    admin = `App ${(await createApiKey(p, systemActor('test'), { name: 'Policy client', role: 'ADMIN' })).key}`;
    inboxId = ((await api({ method: 'get', template: '/ccaas/1/inboxes' })).inboxes as Json[]).find((i) => i.name === 'Website chat')!.id as string;
    // Website chat's collaborators are Ana, Ben and Chen: they form the queue, all ONLINE.
    const all = (await api({ method: 'get', template: '/ccaas/1/agents', query: { limit: '50' } })).agents as Json[];
    agents = ['Ana Alvarez', 'Ben Brooks', 'Chen Wei'].map((n) => all.find((a) => a.displayName === n)!);
    expect(agents.every(Boolean)).toBe(true);
    queueId = (await api({ method: 'post', template: '/ccaas/1/queues', body: { name: 'Policy scenario' } })).id as string;
    for (const a of agents) {
      await api({ method: 'post', template: '/ccaas/1/agents/{agentId}/queues', params: { agentId: a.id as string }, body: { queueId } });
      await api({ method: 'put', template: '/ccaas/1/agents/{agentId}/status', params: { agentId: a.id as string }, body: { status: 'ACTIVE' } });
    }
  });

  it('capacity 2 on three agents: 7 conversations → 6 assigned, 1 waiting; closing one assigns the waiting one before the close answers', async () => {
    for (const a of agents) {
      const put = await api({ method: 'put', template: '/ccaas/1/agents/{agentId}', params: { agentId: a.id as string }, body: { displayName: a.displayName, role: 'AGENT', status: 'ACTIVE', capacity: 2 } });
      expect(put).toMatchObject({ capacity: 2 });
    }
    const made: Json[] = [];
    for (let i = 0; i < 7; i++) made.push(await createIn({ topic: `capacity ${i}` }));
    expect(made.filter((c) => c.agentId)).toHaveLength(6);
    const waiting = made.filter((c) => !c.agentId);
    expect(waiting).toHaveLength(1);
    // At capacity, the API reads them as BUSY while their chosen status stays ACTIVE.
    const read = await api({ method: 'get', template: '/ccaas/1/agents/{agentId}', params: { agentId: agents[0].id as string } });
    expect(read).toMatchObject({ status: 'ACTIVE', availability: 'BUSY' });

    const closing = made.find((c) => c.agentId === agents[2].id)!;
    await api({ method: 'patch', template: '/ccaas/1/conversations/{conversationId}', params: { conversationId: closing.id as string }, body: { status: 'CLOSED' } });
    const now = await api({ method: 'get', template: '/ccaas/1/conversations/{conversationId}', params: { conversationId: waiting[0].id as string } });
    expect(now.agentId).toBe(agents[2].id);
    expect(await Promise.all(agents.map((a) => openOf(a.id as string)))).toEqual([2, 2, 2]);
    // Back to unlimited for what follows.
    for (const a of agents) {
      await api({ method: 'put', template: '/ccaas/1/agents/{agentId}', params: { agentId: a.id as string }, body: { displayName: a.displayName, role: 'AGENT', status: 'ACTIVE', capacity: null } });
    }
  });

  it('a returning customer goes to their last agent when sticky is on', async () => {
    await putQueue({ isStickyAutoAssignmentEnabled: true, stickyAgentTimeoutDays: 3 });
    const customer = { email: 'returning@customer.example', name: 'Rita Returning' };
    const first = await createIn({ customer });
    expect(first.agentId).toBeTruthy();
    for (let i = 0; i < 3; i++) expect((await createIn({ customer })).agentId).toBe(first.agentId);
    await putQueue({ isStickyAutoAssignmentEnabled: false });
    const spread = new Set<unknown>();
    for (let i = 0; i < 3; i++) spread.add((await createIn({ customer })).agentId);
    expect(spread.size).toBe(3);
  });

  it('LOAD_BALANCING picks the agent with the fewest open conversations', async () => {
    await putQueue({ autoAssignmentAlgorithm: 'LOAD_BALANCING' });
    const queue = ((await api({ method: 'get', template: '/ccaas/1/queues', query: { limit: '50' } })).queues as Json[]).find((q) => q.id === queueId)!;
    expect(queue).toMatchObject({ autoAssignmentAlgorithm: 'LOAD_BALANCING', isAutoAssignmentEnabled: true });
    // Solve all of the first agent's: they now have the fewest (the others kept theirs).
    const theirs = (await api({ method: 'get', template: '/ccaas/1/conversations', query: { agentId: agents[0].id as string, status: 'OPEN', limit: '999' } })).conversations as Json[];
    for (const c of theirs) {
      await api({ method: 'patch', template: '/ccaas/1/conversations/{conversationId}', params: { conversationId: c.id as string }, body: { status: 'SOLVED' } });
    }
    const loads = await Promise.all(agents.map((a) => openOf(a.id as string)));
    const fewest = agents[loads.indexOf(Math.min(...loads))].id;
    expect(fewest).toBe(agents[0].id);
    expect((await createIn()).agentId).toBe(fewest);
  });

  it('working hours closed now: a routed conversation waits unassigned and the customer is told once', async () => {
    const hours = await api({
      method: 'post',
      template: '/ccaas/1/working-hours',
      body: { name: 'Closed all week', timezone: 'Europe/Berlin', message: 'We are closed; we answer on Monday.', workWeek: CLOSED_WEEK, isDefault: false },
    });
    await putQueue({ autoAssignmentAlgorithm: 'ROUND_ROBIN', workingHoursId: hours.id });
    // A route sends this customer's words to the queue (routing, not a given queueId).
    const routing = (await api({ method: 'get', template: '/ccaas/1/routing' })) as Json;
    const rules = (routing.routes as Json[]).map(({ id, name, expression, queueId: q, priority, enabled, routeOnlyDuringWorkingHours }) => ({
      id, name, expression, queueId: q, priority, enabled, routeOnlyDuringWorkingHours,
    }));
    await api({ method: 'put', template: '/ccaas/1/routing', body: [{ name: 'After hours test', expression: { $contains: { 'message.text': 'after-hours-test' } }, queueId, enabled: true }, ...rules] });
    const c = await api({
      method: 'post',
      template: '/ccaas/1/conversations',
      body: { inboxId, customer: { email: 'night@customer.example' }, message: { text: 'Hello? after-hours-test', from: 'night@customer.example' } },
    });
    expect(c.queueId).toBe(queueId);
    expect(c).not.toHaveProperty('agentId');
    const id = c.id as string;
    await api({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/messages', params: { conversationId: id }, body: { direction: 'INBOUND', channel: 'LIVE_CHAT', from: 'night@customer.example', contentType: 'TEXT', content: { text: 'Anyone?' } } });
    const messages = (await api({ method: 'get', template: '/ccaas/1/conversations/{conversationId}/messages', params: { conversationId: id } })).messages as Json[];
    const away = messages.filter((m) => m.direction === 'OUTBOUND');
    expect(away).toHaveLength(1);
    expect(JSON.stringify(away[0])).toContain('We are closed; we answer on Monday.');
    expect((await api({ method: 'get', template: '/ccaas/1/conversations/{conversationId}', params: { conversationId: id } })).agentId ?? null).toBeNull();
  });
});
