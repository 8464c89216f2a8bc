import { beforeAll, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, type ApiCall } from '../test/api';
import { createApiKey } from '../auth/api-keys';
import { systemActor } from '../access/actor';
import { seed } from '../../prisma/seed';

// The seed's scenario, through the API alone: a WhatsApp customer asks about their account, the
// routes send them to the "Authentication bot" queue; the bot finds the inbox and the agents,
// answers, marks the customer as strongly authenticated (attribute and tag) and routes again;
// the conversation reaches "Verified customers" and an agent, and the timeline says why.

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

type Json = Record<string, unknown>;

describeEachEngine('the seed’s bot hand-off over the API', (ctx) => {
  let bot: string;
  const api = async (c: Omit<ApiCall, 'headers'>, status = 200) => {
    const res = await callApi({ ...c, headers: { authorization: bot } });
    expect(res.status, `${c.method.toUpperCase()} ${c.template} → ${JSON.stringify(res.json)?.slice(0, 400)}`).toBe(status);
    return res.json as Json;
  };

  beforeAll(async () => {
    const p = ctx.prisma as PrismaClient;
    state.prisma = p;
    await seed(p, { conversations: 0 });
    // The bot works every conversation of its queue: a supervisor's reach, nothing administrative.
    bot = `App ${(await createApiKey(p, systemActor('test'), { name: 'Authentication bot', role: 'SUPERVISOR' })).key}`;
  });

  it('moves a conversation from the bot’s queue to verified customers and an agent', async () => {
    const p = ctx.prisma as PrismaClient;
    const inboxes = (await api({ method: 'get', template: '/ccaas/1/inboxes' })).inboxes as Json[];
    const whatsapp = inboxes.find((i) => i.channel === 'WHATSAPP')!;
    expect(whatsapp).toMatchObject({ name: 'WhatsApp DE' });
    const queues = (await api({ method: 'get', template: '/ccaas/1/queues', query: { limit: '50' } })).queues as Json[];
    const botQueue = queues.find((q) => q.name === 'Authentication bot')!;
    const verified = queues.find((q) => q.name === 'Verified customers')!;
    const agents = (await api({ method: 'get', template: '/ccaas/1/agents', query: { queueIds: verified.id as string } })).agents as Json[];
    expect(agents.map((a) => a.displayName).sort()).toEqual(['Ana Alvarez', 'Dara Okafor']);

    // The customer writes: the routes put the conversation in the bot's queue, nobody assigned.
    const created = await api({
      method: 'post',
      template: '/ccaas/1/conversations',
      body: { inboxId: whatsapp.id, channel: 'WHATSAPP', customer: { phone: '+49 151 0000 0001', name: 'Mia Müller' }, message: { text: 'I have a question about my account', from: '+4915100000001' } },
    });
    expect(created).toMatchObject({ queueId: botQueue.id, channel: 'WHATSAPP' });
    expect(created).not.toHaveProperty('agentId');
    const id = created.id as string;
    const waiting = (await api({ method: 'get', template: '/ccaas/1/conversations', query: { queueIds: botQueue.id as string } })).conversations as Json[];
    expect(waiting.map((c) => c.id)).toContain(id);

    // The bot talks to the customer, then records the strong authentication.
    await api({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/messages', params: { conversationId: id }, body: { channel: 'WHATSAPP', from: 'bank', to: '+4915100000001', contentType: 'TEXT', content: { text: 'Thanks, you are verified.' } } });
    const customerId = created.customerId as string;
    const customer = await api({ method: 'patch', template: '/ccaas/1/customers/{customerId}', params: { customerId }, body: { attributes: { authLevel: 'strong' } } });
    expect(customer).toMatchObject({ id: customerId, name: 'Mia Müller', attributes: { authLevel: 'strong' } });
    expect(await api({ method: 'get', template: '/ccaas/1/customers/{customerId}', params: { customerId } })).toMatchObject({ attributes: { authLevel: 'strong' } });
    await api({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/tags', params: { conversationId: id }, body: { tagName: 'strong_auth' } });

    // Route again: the first rule now holds.
    const routed = ((await api({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/route', params: { conversationId: id } })).conversations as Json[])[0];
    expect(routed).toMatchObject({ id, queueId: verified.id, priority: 'HIGH' });
    expect(agents.map((a) => a.id)).toContain(routed.agentId);

    const timeline = await p.timelineEvent.findMany({ where: { conversationId: id }, orderBy: { createdAt: 'asc' }, select: { kind: true, reason: true } });
    expect(timeline.filter((e) => e.kind === 'ROUTED').map((e) => e.reason)).toEqual([
      expect.stringMatching(/Authentication bot/),
      expect.stringMatching(/Verified customers/),
    ]);
    expect(timeline.some((e) => e.kind === 'ASSIGNEE_CHANGED' && /round robin/.test(e.reason ?? ''))).toBe(true);
  });
});
