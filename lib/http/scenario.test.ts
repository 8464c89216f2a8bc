import { beforeAll, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import { callApi } from '../test/api';
import { createApiKey } from '../auth/api-keys';
import { systemActor } from '../access/actor';

// The seed's "000" scenario, end to end through the HTTP API (issue 4): a WhatsApp message about
// an account arrives and is routed to "Authentication bot"; the bot (an API key) tags the
// conversation strong_auth and asks to route; it moves to "Verified customers" with priority HIGH,
// and the timeline shows both decisions.
const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

describeEachEngine('seed scenario through the API', (ctx) => {
  let bot: string;
  let supervisor: string;
  const q: Record<string, string> = {};

  beforeAll(async () => {
    state.prisma = ctx.prisma;
    supervisor = `App ${(await createApiKey(ctx.prisma, systemActor('test'), { name: 'routing admin', role: 'SUPERVISOR' })).key}`;
    bot = `Bearer ${(await createApiKey(ctx.prisma, systemActor('test'), { name: 'Auth bot', role: 'SUPERVISOR' })).key}`;
    for (const name of ['General support', 'Authentication bot', 'Verified customers']) {
      const res = await callApi({ method: 'post', template: '/ccaas/1/queues', headers: { authorization: supervisor }, body: { name, isDefault: name === 'General support' } });
      expect(res.status).toBe(200);
      q[name] = (res.json as { id: string }).id;
    }
    await ctx.prisma.inbox.create({ data: { name: 'WhatsApp DE', channel: 'WHATSAPP' } });
    const routes = [
      {
        name: 'Verified customers',
        expression: { $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $hasTag: { tags: 'strong_auth' } }] },
        queueId: q['Verified customers'],
        priority: 'HIGH',
      },
      { name: 'WhatsApp account questions', expression: { $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $contains: { 'message.text': 'account' } }] }, queueId: q['Authentication bot'] },
    ];
    const current = await callApi({ method: 'get', template: '/ccaas/1/routing', headers: { authorization: supervisor } });
    const saved = await callApi({ method: 'put', template: '/ccaas/1/routing', headers: { authorization: supervisor, 'if-match': current.headers.get('etag') ?? '"0"' }, body: routes });
    expect(saved.status).toBe(200);
  });

  it('routes to Authentication bot, then after strong_auth to Verified customers with HIGH', async () => {
    const created = await callApi({
      method: 'post',
      template: '/ccaas/1/conversations',
      headers: { authorization: bot },
      body: { channel: 'WHATSAPP', customer: { phone: '+491510000042', country: 'DE' }, message: { text: 'Hello, I cannot get into my account', from: '+491510000042' } },
    });
    expect(created.status).toBe(200);
    const conv = created.json as { id: string; queueId: string; priority: string };
    expect(conv.queueId).toBe(q['Authentication bot']);

    const sim = await callApi({ method: 'get', template: '/ccaas/1/conversations/{conversationId}/simulate-routing', params: { conversationId: conv.id }, headers: { authorization: bot } });
    expect(sim.json).toMatchObject({ id: conv.id, queueId: q['Authentication bot'] });

    const tagged = await callApi({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/tags', params: { conversationId: conv.id }, headers: { authorization: bot }, body: { tagName: 'strong_auth' } });
    expect(tagged.status).toBe(200);
    const routed = await callApi({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/route', params: { conversationId: conv.id }, headers: { authorization: bot } });
    expect(routed.status).toBe(200);
    expect((routed.json as { conversations: { queueId: string; priority: string }[] }).conversations[0]).toMatchObject({ queueId: q['Verified customers'], priority: 'HIGH' });

    const got = await callApi({ method: 'get', template: '/ccaas/1/conversations/{conversationId}', params: { conversationId: conv.id }, headers: { authorization: supervisor } });
    expect(got.json).toMatchObject({ queueId: q['Verified customers'], priority: 'HIGH', tags: ['strong_auth'] });

    const timeline = await ctx.prisma.timelineEvent.findMany({ where: { conversationId: conv.id, kind: 'ROUTED' }, orderBy: { createdAt: 'asc' } });
    expect(timeline.map((e) => [e.actorName, e.reason])).toEqual([
      ['Auth bot', 'routed by rule WhatsApp account questions to Authentication bot'],
      ['Auth bot', 'routed by rule Verified customers to Verified customers (priority HIGH)'],
    ]);
  });

  it('a stale routing save answers 409 with the current version', async () => {
    const res = await callApi({ method: 'put', template: '/ccaas/1/routing', headers: { authorization: supervisor, 'if-match': '"0"' }, body: [] });
    expect(res.status).toBe(409);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.json).toMatchObject({ requestError: { serviceException: { messageId: 'CONFLICT' } } });
  });
});
