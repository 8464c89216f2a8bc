import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import type { Actor } from '../../access/actor';
import { makeUser } from '../../test/fixtures';
import { createConversation } from '../conversations/create';
import { getTimeline } from '../conversations/get';
import { patchMetadata, putMetadata } from '../metadata';
import { routeConversation } from './route-conversation';
import { getRouteList, saveRouteList } from './route-list';
import { simulateConversation, simulateSample } from './simulate';
import { createQueue } from '../queue-admin';
import { routeListSchema } from '../../validation/routing';

// SPEC §5: routes read metadata as conversation.metadata.<key>. A bot sets it over the API and
// asks to route; the conversation moves to the queue whose route now matches.
describeEachEngine('routing on conversation metadata', (ctx) => {
  let sup: Actor;
  const bot: Actor = { kind: 'apiKey', id: 'meta-bot-key', role: 'SUPERVISOR', name: 'Metadata bot', userId: null };
  const q: Record<string, string> = {};

  beforeAll(async () => {
    const p = ctx.prisma;
    sup = await makeUser(p, 'SUPERVISOR');
    await p.apiKey.create({ data: { id: bot.id, name: bot.name, prefix: 'sbk_meta', hash: 'h', role: 'SUPERVISOR' } });
    for (const [k, name, isDefault] of [['general', 'General', true], ['gold', 'Gold plan', false], ['bots', 'Bot escalations', false]] as const) {
      q[k] = (await createQueue(p, sup, { name, isDefault })).id;
    }
    const routes = routeListSchema.parse([
      { name: 'Gold plan', expression: { $eq: { 'conversation.metadata.plan': 'gold' } }, queueId: q.gold, priority: 'HIGH' },
      { name: 'Escalated by bot', expression: { $and: [{ $exists: { 'conversation.metadata.escalation': true } }, { $gte: { 'conversation.metadata.score': 3 } }] }, queueId: q.bots },
    ]);
    const { version } = await getRouteList(p, sup);
    await saveRouteList(p, sup, { routes, baseVersion: version });
  });

  it('a new conversation has no metadata: the routes that need it do not match', async () => {
    const c = await createConversation(ctx.prisma, bot, { channel: 'LIVE_CHAT', message: { text: 'hello' } });
    expect(c.queueId).toBe(q.general);
    expect(c.metadata).toEqual({});
  });

  it('moves the conversation after a metadata PUT and a route request, and says which rule did it', async () => {
    const c = await createConversation(ctx.prisma, bot, { channel: 'LIVE_CHAT', message: { text: 'hello' } });
    await putMetadata(ctx.prisma, bot, { conversationId: c.id, metadata: { plan: 'gold', crmId: 'A-17' } });
    const routed = await routeConversation(ctx.prisma, bot, { conversationId: c.id });
    expect(routed).toMatchObject({ queueId: q.gold, priority: 'HIGH' });
    const reasons = (await getTimeline(ctx.prisma, sup, { conversationId: c.id })).filter((e) => e.kind === 'ROUTED').map((e) => e.reason);
    expect(reasons.at(-1)).toBe('routed by rule Gold plan to Gold plan (priority HIGH)');

    // A PATCH removing the key (null) and adding others: the next route picks the other rule.
    await patchMetadata(ctx.prisma, bot, { conversationId: c.id, metadata: { plan: null, escalation: 'billing', score: 4 } });
    expect((await routeConversation(ctx.prisma, bot, { conversationId: c.id })).queueId).toBe(q.bots);
  });

  it('the simulator reads the conversation’s metadata, and a typed sample may carry some', async () => {
    const c = await createConversation(ctx.prisma, bot, { channel: 'LIVE_CHAT', message: { text: 'hi' } });
    await putMetadata(ctx.prisma, bot, { conversationId: c.id, metadata: { plan: 'gold' } });
    const sim = await simulateConversation(ctx.prisma, sup, { conversationId: c.id });
    expect(sim.context.conversation?.metadata).toEqual({ plan: 'gold' });
    expect(sim.queueId).toBe(q.gold);
    expect(sim.routes[0].trace).toMatchObject({ kind: 'condition', path: 'conversation.metadata.plan', actual: 'gold', result: true });
    expect((await simulateSample(ctx.prisma, sup, { sample: { conversation: { metadata: { escalation: 'x', score: 5 } } } })).queueId).toBe(q.bots);
  });
});
