import { beforeAll, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import type { Availability } from '../generated/prisma/enums';
import { describeEachEngine } from '../test/db';
import { callApi, makeTestKeys, type TestKeys } from '../test/api';
import { apiAgentPageSchema, apiAgentSchema } from '../validation/api-responses-agents';
import { makeInbox, uid } from '../test/fixtures';
import { sweepSilentAgents } from '../domain/assignment/sweep';

// The effective availability over the API (SPEC §4): `status` is what the agent chose,
// `availability` what takes effect — AWAY while their console is silent, BUSY at capacity.
const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

const A = '/ccaas/1/agents';
const ONE = `${A}/{agentId}`;

describeEachEngine('effective availability over the API', (ctx) => {
  let keys: TestKeys;
  const p = () => ctx.prisma as PrismaClient;
  beforeAll(async () => {
    state.prisma = ctx.prisma;
    keys = await makeTestKeys(p());
  });

  async function agent(tag: string, name: string, availability: Availability, extra: { capacity?: number; lastSeenAt?: Date } = {}) {
    const status = ({ ONLINE: 'ACTIVE', BUSY: 'BUSY', OFFLINE: 'AWAY' } as const)[availability];
    return p().user.create({ data: { name: `${tag} ${name}`, email: `${name}.${tag}@t.example`, passwordHash: 'x', availability, status, lastSeenAt: new Date(), ...extra } });
  }
  async function list(query: Record<string, string>) {
    const res = await callApi({ method: 'get', template: A, headers: { authorization: keys.admin }, query });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return apiAgentPageSchema.parse(res.json).agents;
  }
  async function one(agentId: string) {
    const res = await callApi({ method: 'get', template: ONE, params: { agentId }, headers: { authorization: keys.admin } });
    expect(res.status).toBe(200);
    return apiAgentSchema.parse(res.json);
  }

  it('AWAY while disconnected (status as chosen), BUSY at capacity, ACTIVE below it; reads, lists and filters agree', async () => {
    const tag = uid('eff');
    const away = await agent(tag, 'away', 'ONLINE', { lastSeenAt: new Date(Date.now() - 5 * 60_000) });
    const full = await agent(tag, 'full', 'ONLINE', { capacity: 2 });
    const room = await agent(tag, 'room', 'ONLINE', { capacity: 3 });
    const free = await agent(tag, 'free', 'ONLINE');
    const inbox = await makeInbox(p());
    // Two open for each capacity-bound one; a solved one does not count.
    await p().conversation.createMany({
      data: [full.id, full.id, room.id, room.id, free.id].map((agentId) => ({ inboxId: inbox.id, agentId })),
    });
    await p().conversation.create({ data: { inboxId: inbox.id, agentId: room.id, status: 'SOLVED' } });
    await p().conversation.create({ data: { inboxId: inbox.id, agentId: full.id, status: 'WAITING' } });
    expect((await sweepSilentAgents(p(), new Date(), { graceMs: 90_000, reassignAfterMs: 15 * 60_000 })).disconnected).toContain(away.id);

    expect(await one(away.id)).toMatchObject({ status: 'ACTIVE', availability: 'AWAY' });
    expect(await one(full.id)).toMatchObject({ status: 'ACTIVE', availability: 'BUSY' });
    expect(await one(room.id)).toMatchObject({ status: 'ACTIVE', availability: 'ACTIVE' });
    expect(await one(free.id)).toMatchObject({ status: 'ACTIVE', availability: 'ACTIVE' });

    const all = await list({ displayName: tag, orderBy: 'displayName:asc' });
    expect(all.map((a) => [a.displayName, a.status, a.availability])).toEqual([
      [`${tag} away`, 'ACTIVE', 'AWAY'],
      [`${tag} free`, 'ACTIVE', 'ACTIVE'],
      [`${tag} full`, 'ACTIVE', 'BUSY'],
      [`${tag} room`, 'ACTIVE', 'ACTIVE'],
    ]);
    // The filter matches what the answers say.
    const ids = async (availability: string) => (await list({ displayName: tag, availability, orderBy: 'displayName:asc' })).map((a) => a.id);
    expect(await ids('AWAY')).toEqual([away.id]);
    expect(await ids('BUSY')).toEqual([full.id]);
    expect(await ids('ACTIVE')).toEqual([free.id, room.id]);
    expect(await ids('INVISIBLE')).toEqual([]);

    // Their next heartbeat brings them back as they chose.
    const hb = await callApi({ method: 'put', template: `${ONE}/heartbeat`, params: { agentId: away.id }, headers: { authorization: keys.admin } });
    expect(hb.status).toBe(200);
    expect(await one(away.id)).toMatchObject({ status: 'ACTIVE', availability: 'ACTIVE' });
  });

  it('a page of agents costs the same statements whatever it holds (the open counts come with the rows)', async () => {
    const tag = uid('n1');
    const inbox = await makeInbox(p());
    const many = [];
    for (let i = 0; i < 6; i++) many.push(await agent(tag, `a${i}`, 'ONLINE', { capacity: 1 }));
    await p().conversation.createMany({ data: many.map((a) => ({ inboxId: inbox.id, agentId: a.id })) });
    const cost = async (limit: string, availability?: string) => {
      const n = ctx.queryCount();
      const agents = await list({ displayName: tag, limit, ...(availability && { availability }) });
      return { statements: ctx.queryCount() - n, agents };
    };
    const small = await cost('1');
    const large = await cost('6');
    expect(large.agents).toHaveLength(6);
    expect(large.agents.every((a) => a.availability === 'BUSY')).toBe(true);
    expect(large.statements).toBe(small.statements);
    expect((await cost('1', 'BUSY')).statements).toBe((await cost('6', 'BUSY')).statements);
  });
});
