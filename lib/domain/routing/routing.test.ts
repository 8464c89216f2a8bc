import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import type { Actor } from '../../access/actor';
import { systemActor } from '../../access/actor';
import { createConversation } from '../conversations/create';
import { addConversationTag } from '../conversations/tags';
import { getTimeline } from '../conversations/get';
import { routeConversation } from './route-conversation';
import { getRouteList, listRouteVersions, restoreRouteVersion, saveRouteList } from './route-list';
import { simulateConversation, simulateSample, whatIf } from './simulate';
import { createQueue, deleteQueue } from '../queue-admin';
import { routeListSchema } from '../../validation/routing';

describeEachEngine('routing', (ctx) => {
  let sup: Actor;
  let agent: Actor;
  const bot: Actor = { kind: 'apiKey', id: 'bot-key', role: 'SUPERVISOR', name: 'Auth bot', userId: null };
  const q: Record<string, string> = {};

  const seedRoutes = () => [
    { name: 'Verified', expression: { $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $hasTag: { tags: 'strong_auth' } }] }, queueId: q.verified, priority: 'HIGH' },
    { name: 'Account questions', expression: { $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $contains: { 'message.text': 'account' } }] }, queueId: q.auth },
    { name: 'VIP', expression: { $eq: { 'customer.tier': 'gold' } }, queueId: q.vip, priority: 'URGENT', enabled: false },
  ];

  // The domain takes parsed input (the doors parse); these read test data as the doors would.
  const list = (routes: unknown[]) => routeListSchema.parse(routes);
  const save = (routes: unknown[], baseVersion: number | null, actor: Actor = sup) => saveRouteList(ctx.prisma, actor, { routes: list(routes), baseVersion });

  beforeAll(async () => {
    const p = ctx.prisma;
    const s = await p.user.create({ data: { email: 'sup@r.example', name: 'Sam', passwordHash: 'x', role: 'SUPERVISOR' } });
    const a = await p.user.create({ data: { email: 'ana@r.example', name: 'Ana', passwordHash: 'x', role: 'AGENT' } });
    sup = { kind: 'user', id: s.id, role: 'SUPERVISOR', name: 'Sam', email: s.email };
    agent = { kind: 'user', id: a.id, role: 'AGENT', name: 'Ana', email: a.email };
    await p.apiKey.create({ data: { id: 'bot-key', name: 'Auth bot', prefix: 'sbk_bot', hash: 'h', role: 'SUPERVISOR' } });
    for (const [k, name, isDefault] of [['general', 'General', true], ['auth', 'Authentication bot', false], ['verified', 'Verified customers', false], ['vip', 'VIP', false]] as const) {
      q[k] = (await createQueue(p, sup, { name, isDefault })).id;
    }
    await p.inbox.create({ data: { name: 'WhatsApp DE', channel: 'WHATSAPP' } });
    await save(seedRoutes(), null);
  });

  it('runs the seed scenario: bot hand-off moves the conversation to Verified customers with HIGH', async () => {
    const c = await createConversation(ctx.prisma, bot, {
      channel: 'WHATSAPP',
      customer: { phone: '+4915100001', country: 'DE' },
      message: { text: 'Hi, I have a question about my Account', from: '+4915100001' },
    });
    expect(c.queueId).toBe(q.auth);
    expect(c.priority).toBe('NORMAL');

    await addConversationTag(ctx.prisma, bot, { conversationId: c.id, tagName: 'strong_auth' });
    const routed = await routeConversation(ctx.prisma, bot, { conversationId: c.id });
    expect(routed.queueId).toBe(q.verified);
    expect(routed.priority).toBe('HIGH');
    expect(routed.agentId).toBeNull();

    const timeline = await getTimeline(ctx.prisma, sup, { conversationId: c.id });
    const routedEvents = timeline.filter((e) => e.kind === 'ROUTED');
    expect(routedEvents.map((e) => e.reason)).toEqual([
      'routed by rule Account questions to Authentication bot',
      'routed by rule Verified to Verified customers (priority HIGH)',
    ]);
    expect(routedEvents.every((e) => e.actorKind === 'API_KEY' && e.actorName === 'Auth bot')).toBe(true);
  });

  it('sends what no route matches to the default queue; a disabled route never matches', async () => {
    const c = await createConversation(ctx.prisma, bot, { channel: 'EMAIL', customer: { email: 'gold@r.example', attributes: { tier: 'gold' } }, message: { text: 'hello' } });
    expect(c.queueId).toBe(q.general);
    const t = await getTimeline(ctx.prisma, sup, { conversationId: c.id });
    expect(t.find((e) => e.kind === 'ROUTED')?.reason).toBe('no route matched: default queue General');
  });

  it('keeps a queue the creator chose', async () => {
    const c = await createConversation(ctx.prisma, bot, { channel: 'WHATSAPP', queueId: q.vip, message: { text: 'account' } });
    expect(c.queueId).toBe(q.vip);
  });

  it('route unassigns first and is refused for CLOSED', async () => {
    const c = await createConversation(ctx.prisma, sup, { channel: 'WHATSAPP', agentId: agent.id, message: { text: 'account?' } });
    const routed = await routeConversation(ctx.prisma, sup, { conversationId: c.id });
    expect(routed.agentId).toBeNull();
    await ctx.prisma.conversation.update({ where: { id: c.id }, data: { status: 'CLOSED' } });
    await expect(routeConversation(ctx.prisma, sup, { conversationId: c.id })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Closed conversation cannot be changed.' });
  });

  it('simulates for a conversation and for a typed sample against a draft order', async () => {
    const c = await createConversation(ctx.prisma, bot, { channel: 'WHATSAPP', tags: ['strong_auth'], message: { text: 'my account' } });
    const sim = await simulateConversation(ctx.prisma, sup, { conversationId: c.id });
    expect(sim.matchedRouteId).not.toBeNull();
    expect(sim.queueId).toBe(q.verified);
    expect(sim.routes[0].trace).toMatchObject({ kind: 'and', result: true });

    const draft = list([seedRoutes()[1], seedRoutes()[0]]); // account questions first
    const sample = { message: { text: 'account', channel: 'WHATSAPP' }, tags: ['strong_auth'] };
    expect((await simulateSample(ctx.prisma, sup, { sample })).queueId).toBe(q.verified);
    expect((await simulateSample(ctx.prisma, sup, { sample, routes: draft })).queueId).toBe(q.auth);
    const report = await whatIf(ctx.prisma, sup, { routes: draft, limit: 500 });
    expect(report.conversations).toBeGreaterThan(0);
    expect(report.moved).toBeGreaterThan(0);
  });

  it('saves the list whole and refuses a stale version (409) without changing anything', async () => {
    const before = await getRouteList(ctx.prisma, sup);
    const next = await save(seedRoutes().reverse(), before.version);
    expect(next.version).toBe(before.version + 1);
    expect(next.routes.map((r) => r.name)).toEqual(['VIP', 'Account questions', 'Verified']);
    await expect(save(seedRoutes(), before.version)).rejects.toMatchObject({ code: 'CONFLICT', currentVersion: next.version });
    expect((await getRouteList(ctx.prisma, sup)).routes.map((r) => r.name)).toEqual(['VIP', 'Account questions', 'Verified']);

    // Two supervisors saving from the same version at once: exactly one wins.
    const results = await Promise.allSettled([save(seedRoutes(), next.version), save(seedRoutes(), next.version)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['CONFLICT']);

    const versions = await listRouteVersions(ctx.prisma, sup);
    expect(versions[0]).toMatchObject({ version: next.version + 1, savedBy: 'Sam', routeCount: 3 });
    const restored = await restoreRouteVersion(ctx.prisma, sup, { version: next.version, baseVersion: next.version + 1 });
    expect(restored.routes.map((r) => r.name)).toEqual(['VIP', 'Account questions', 'Verified']);
    await save(seedRoutes(), restored.version);
  });

  it('rejects bad routes with the position of the fault, saving nothing', async () => {
    const { version } = await getRouteList(ctx.prisma, sup);
    const bad = [...seedRoutes(), { name: 'Broken', expression: { $and: [{ $eq: { 'message.text': 'x' } }, { $in: { 'customer.country': 'DE' } }] }, queueId: 'nope' }];
    await expect(save(bad, version)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fields: { '[3].expression': ['$and[1].$in: expected an array, got a string'], '[3].queueId': ['No queue has this id.'] },
    });
    expect((await getRouteList(ctx.prisma, sup)).version).toBe(version);
  });

  // Who may manage queues and save routes is checked at the door (lib/operations/registry.test.ts,
  // lib/actions/routing.test.ts, the API's routing tests).
  it('the system saves routes', async () => {
    expect(await save(seedRoutes(), null, systemActor('test'))).toBeTruthy();
  });

  it('refuses to delete a queue routes point to, naming them', async () => {
    await expect(deleteQueue(ctx.prisma, sup, { queueId: q.auth })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Account questions') });
    const spare = await createQueue(ctx.prisma, sup, { name: 'Spare' });
    await deleteQueue(ctx.prisma, sup, { queueId: spare.id });
    expect(await ctx.prisma.queue.findUnique({ where: { id: spare.id } })).toBeNull();
  });
});
