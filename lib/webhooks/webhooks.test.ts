import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, type ApiCall } from '../test/api';
import { startReceiver } from '../test/webhook-receiver';
import { createApiKey } from '../auth/api-keys';
import { systemActor } from '../access/actor';
import { unitOfWork } from '../db/unit-of-work';
import { setAvailability } from '../domain/presence';
import { seed } from '../../prisma/seed';
import { WEBHOOK_EVENT_TYPES } from './events';
import { verifySignature } from './signature';
import { deliverDue } from './worker';
import { documentValidator } from '../test/openapi-ajv';
import { openApiDocument } from '../http/openapi';

// Webhooks end to end on a real database, against a local receiver: the triggers write the outbox
// in the change's transaction, the worker signs and sends, and the log and retries behave as the
// API documents (issue 16).

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

type Json = Record<string, unknown>;
const FAST = { baseDelayMs: 1, maxDelayMs: 5 };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Every answer is checked against the OpenAPI document, strictly, as lib/http/contract.test.ts does.
const doc = documentValidator(JSON.parse(JSON.stringify(openApiDocument())), 'https://switchboard.test/openapi', { strict: true });

/** Runs the worker until nothing is due for a little while (retries are a few ms apart here). */
async function drain(p: PrismaClient) {
  for (let idle = 0; idle < 3; ) {
    idle = (await deliverDue(p, FAST)) ? 0 : idle + 1;
    await pause(15);
  }
}

describeEachEngine('webhooks', (ctx) => {
  let admin: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;
  let webhookId: string;
  const api = async (c: Omit<ApiCall, 'headers'>, status = 200) => {
    const res = await callApi({ ...c, headers: { authorization: admin } });
    const where = `${c.method.toUpperCase()} ${c.template} → ${JSON.stringify(res.json)?.slice(0, 400)}`;
    expect(res.status, where).toBe(status);
    if (c.template.startsWith('/ccaas/1/webhooks')) expect(doc.response(c.method, c.template, status, res.json), where).toEqual([]);
    return res.json as Json;
  };
  const conversationEvents = (id: string) => receiver.received.filter((r) => r.path === '/all' && r.json.data.conversationId === id);

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = '1';
    const p = ctx.prisma as PrismaClient;
    state.prisma = p;
    await seed(p, { conversations: 0 });
    admin = `App ${(await createApiKey(p, systemActor('test'), { name: 'webhook admin', role: 'ADMIN' })).key}`;
    // /flaky fails its first three requests.
    receiver = await startReceiver((r, n) => (r.path === '/flaky' && n <= 3 ? 500 : 200));
    const created = await api({ method: 'post', template: '/ccaas/1/webhooks', body: { url: receiver.url('/all'), events: WEBHOOK_EVENT_TYPES } });
    secret = created.secret as string;
    webhookId = created.id as string;
  });
  afterAll(async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    await receiver?.close();
  });

  it('shows the secret once, never on a read, and audits the creation', async () => {
    expect(secret).toMatch(/^whsec_/);
    const read = await api({ method: 'get', template: '/ccaas/1/webhooks/{webhookId}', params: { webhookId } });
    expect(read).toMatchObject({ id: webhookId, enabled: true, paused: false, events: [...WEBHOOK_EVENT_TYPES] });
    expect(read).not.toHaveProperty('secret');
    const list = await api({ method: 'get', template: '/ccaas/1/webhooks' });
    expect(JSON.stringify(list)).not.toContain(secret);
    const audit = await (ctx.prisma as PrismaClient).auditLog.findMany({ where: { entityType: 'WEBHOOK', entityId: webhookId } });
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('delivers every event type once per change, signed, numbered per conversation', async () => {
    const p = ctx.prisma as PrismaClient;
    const whatsapp = await p.inbox.findFirstOrThrow({ where: { channel: 'WHATSAPP' } });
    const created = await api({
      method: 'post',
      template: '/ccaas/1/conversations',
      body: { inboxId: whatsapp.id, channel: 'WHATSAPP', customer: { phone: '+49 151 0000 0077', name: 'Mia' }, message: { text: 'A question about my account', from: '+4915100000077' } },
    });
    const id = created.id as string;
    const one = { conversationId: id };
    await api({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/tags', params: one, body: { tagName: 'strong_auth' } });
    const routed = ((await api({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/route', params: one })).conversations as Json[])[0];
    expect(routed.agentId).toBeTruthy();
    await api({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/messages', params: one, body: { channel: 'WHATSAPP', from: 'bank', to: '+4915100000077', contentType: 'TEXT', content: { text: 'Hello Mia' } } });
    await api({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/notes', params: one, body: { content: 'Checked the account.' } });
    await api({ method: 'delete', template: '/ccaas/1/conversations/{conversationId}/tags/{tagName}', params: { ...one, tagName: 'strong_auth' } });
    await api({ method: 'patch', template: '/ccaas/1/conversations/{conversationId}', params: one, body: { priority: 'URGENT' } });
    await api({ method: 'delete', template: '/ccaas/1/conversations/{conversationId}/assignee', params: one });
    await api({ method: 'patch', template: '/ccaas/1/conversations/{conversationId}', params: one, body: { status: 'CLOSED' } });
    await setAvailability(p, routed.agentId as string, 'BUSY', 'test');
    await drain(p);

    const events = conversationEvents(id);
    expect(events.map((e) => e.json.type)).toEqual([
      'conversation.created', 'conversation.routed', 'message.created',
      'tag.added',
      'conversation.routed', 'conversation.assigned',
      'message.created', 'note.created', 'tag.removed', 'conversation.updated', 'conversation.unassigned',
      'conversation.updated', 'conversation.closed',
    ]);
    // Once each (no event id twice), numbered 1… in the order of the changes.
    expect(new Set(events.map((e) => e.json.id)).size).toBe(events.length);
    expect(events.map((e) => e.json.data.sequence)).toEqual(events.map((_, i) => i + 1));
    for (const e of events) {
      expect(verifySignature(secret, e.body, e.headers['switchboard-signature'] as string)).toBe(true);
      expect(verifySignature('whsec_wrong', e.body, e.headers['switchboard-signature'] as string)).toBe(false);
      expect(e.headers['switchboard-event-id']).toBe(e.json.id);
      expect(e.json.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    }
    const [first, bot, inbound, , verified, assigned, outbound, note, , , unassigned] = events.map((e) => e.json.data as Record<string, Json>);
    expect(first.conversation).toMatchObject({ id, inboxId: whatsapp.id });
    expect(bot).toMatchObject({ conversation: { queueName: 'Authentication bot' }, reason: expect.stringMatching(/Authentication bot/) });
    expect(inbound.message).toMatchObject({ direction: 'INBOUND', text: 'A question about my account' });
    expect(verified).toMatchObject({ conversation: { queueName: 'Verified customers' }, after: { routeId: expect.any(String) } });
    expect(assigned).toMatchObject({ after: { agentId: routed.agentId }, reason: expect.stringMatching(/round robin/) });
    expect(outbound.message).toMatchObject({ direction: 'OUTBOUND', text: 'Hello Mia' });
    expect(note.note).toMatchObject({ content: 'Checked the account.' });
    expect(unassigned).toMatchObject({ before: { agentId: routed.agentId }, after: { agentId: null } });
    const agent = receiver.received.filter((r) => r.path === '/all' && r.json.type === 'agent.availability_changed');
    expect(agent.map((e) => e.json.data)).toEqual([expect.objectContaining({ agentId: routed.agentId, availability: 'BUSY' })]);

    // The log shows each delivery with its one attempt.
    const log = await api({ method: 'get', template: '/ccaas/1/webhooks/{webhookId}/deliveries', params: { webhookId }, query: { limit: '100' } });
    const deliveries = log.deliveries as Json[];
    expect(deliveries.every((d) => d.status === 'DELIVERED' && (d.attemptLog as Json[]).length === 1)).toBe(true);
    expect((deliveries[0].attemptLog as Json[])[0]).toMatchObject({ statusCode: 200, latencyMs: expect.any(Number), responseExcerpt: 'ok' });
  });

  it('retries a receiver that fails three times, then delivers the event exactly once more with the same id', async () => {
    const p = ctx.prisma as PrismaClient;
    const flaky = await api({ method: 'post', template: '/ccaas/1/webhooks', body: { url: receiver.url('/flaky'), events: ['tag.added'] } });
    const c = await api({ method: 'post', template: '/ccaas/1/conversations', body: { topic: 'flaky' } });
    await api({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/tags', params: { conversationId: c.id as string }, body: { tagName: 'vip' } });
    await drain(p);
    await drain(p);
    const got = receiver.received.filter((r) => r.path === '/flaky');
    expect(got).toHaveLength(4);
    expect(new Set(got.map((r) => r.json.id)).size).toBe(1);
    expect(got.every((r) => r.headers['switchboard-event-id'] === got[0].json.id && r.body === got[0].body)).toBe(true);
    const log = await api({ method: 'get', template: '/ccaas/1/webhooks/{webhookId}/deliveries', params: { webhookId: flaky.id as string } });
    const [d] = log.deliveries as Json[];
    expect(d).toMatchObject({ status: 'DELIVERED', attempts: 4, eventType: 'tag.added' });
    expect((d.attemptLog as Json[]).map((a) => a.statusCode)).toEqual([200, 500, 500, 500]);
    expect(await api({ method: 'get', template: '/ccaas/1/webhooks/{webhookId}', params: { webhookId: flaky.id as string } })).toMatchObject({ consecutiveFailures: 0, paused: false });

    // Redelivery sends the same event again, once.
    await api({ method: 'post', template: '/ccaas/1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver', params: { webhookId: flaky.id as string, deliveryId: d.id as string } });
    await drain(p);
    const again = receiver.received.filter((r) => r.path === '/flaky');
    expect(again).toHaveLength(5);
    expect(again[4].json.id).toBe(got[0].json.id);
    await api({ method: 'delete', template: '/ccaas/1/webhooks/{webhookId}', params: { webhookId: flaky.id as string } });
  });

  it('delivers each event once when two workers run side by side', async () => {
    const p = ctx.prisma as PrismaClient;
    const before = receiver.received.length;
    const c = await api({ method: 'post', template: '/ccaas/1/conversations', body: { topic: 'busy' } });
    for (let i = 0; i < 30; i++)
      await api({ method: 'post', template: '/ccaas/1/conversations/{conversationId}/messages', params: { conversationId: c.id as string }, body: { channel: 'LIVE_CHAT', from: 'x', to: 'y', contentType: 'TEXT', content: { text: `m${i}` } } });
    const worker = async () => {
      for (let idle = 0; idle < 3; ) idle = (await deliverDue(p, FAST)) ? 0 : idle + 1;
    };
    await Promise.all([worker(), worker()]);
    const got = receiver.received.slice(before).filter((r) => r.json.data.conversationId === c.id);
    const stored = await p.webhookEvent.count({ where: { conversationId: c.id as string } });
    expect(got.filter((r) => r.json.type === 'message.created')).toHaveLength(30);
    // Every stored event arrived, none twice.
    expect(got).toHaveLength(stored);
    expect(new Set(got.map((r) => r.json.id)).size).toBe(stored);
    expect(got.map((r) => r.json.data.sequence).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: stored }, (_, i) => i + 1));
  });

  it('sends nothing for a change that rolled back', async () => {
    const p = ctx.prisma as PrismaClient;
    const c = await p.conversation.create({ data: { topic: 'rollback' } });
    const events = await p.webhookEvent.count();
    await expect(
      unitOfWork(p, async (tx) => {
        await tx.message.create({ data: { conversationId: c.id, direction: 'INBOUND', text: 'never', authorType: 'CUSTOMER' } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await drain(p);
    expect(await p.webhookEvent.count()).toBe(events);
    expect(receiver.received.some((r) => r.json.data.conversationId === c.id)).toBe(false);
  });

  it('refuses private and loopback targets unless WEBHOOK_ALLOW_PRIVATE=1', async () => {
    const p = ctx.prisma as PrismaClient;
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    try {
      for (const url of ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://[::1]/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest', 'http://[::ffff:127.0.0.1]/x']) {
        const res = await callApi({ method: 'post', template: '/ccaas/1/webhooks', headers: { authorization: admin }, body: { url, events: ['tag.added'] } });
        expect(res.status, url).toBe(400);
      }
      // A host name is checked by what it resolves to, at every delivery: the existing subscription points at 127.0.0.1.
      const before = receiver.received.length;
      const c = await api({ method: 'post', template: '/ccaas/1/conversations', body: { topic: 'private' } });
      await deliverDue(p, FAST);
      expect(receiver.received.length).toBe(before);
      const [d] = (await api({ method: 'get', template: '/ccaas/1/webhooks/{webhookId}/deliveries', params: { webhookId }, query: { status: 'PENDING' } })).deliveries as Json[];
      expect(d).toMatchObject({ conversationId: c.id, attempts: 1, lastError: expect.stringMatching(/private or loopback/) });
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE = '1';
    }
    await drain(p);
  });

  it('writes no outbox rows while no subscription is enabled, and pauses one that keeps failing', async () => {
    const p = ctx.prisma as PrismaClient;
    const all = await api({ method: 'get', template: '/ccaas/1/webhooks/{webhookId}', params: { webhookId } });
    await api({ method: 'put', template: '/ccaas/1/webhooks/{webhookId}', params: { webhookId }, body: { ...all, enabled: false } });
    const events = await p.webhookEvent.count();
    await api({ method: 'post', template: '/ccaas/1/conversations', body: { topic: 'nobody listens' } });
    expect(await p.webhookEvent.count()).toBe(events);

    const dead = await api({ method: 'post', template: '/ccaas/1/webhooks', body: { url: 'http://127.0.0.1:9/closed', events: ['conversation.created'] } });
    for (let i = 0; i < 3; i++) await api({ method: 'post', template: '/ccaas/1/conversations', body: { topic: `dead ${i}` } });
    for (let i = 0; i < 30; i++) {
      await deliverDue(p, { ...FAST, pauseAfter: 5 });
      await pause(5);
    }
    const paused = await api({ method: 'get', template: '/ccaas/1/webhooks/{webhookId}', params: { webhookId: dead.id as string } });
    // Requests already under way when it was paused still count.
    expect(paused).toMatchObject({ paused: true, enabled: true, pauseReason: expect.stringMatching(/^\d+ attempts in a row failed\. Last: .*ECONNREFUSED/) });
    expect(paused.consecutiveFailures).toBeGreaterThanOrEqual(5);
    // Paused: nothing more is tried.
    const tried = await p.webhookAttempt.count({ where: { delivery: { subscriptionId: dead.id as string } } });
    await drain(p);
    expect(await p.webhookAttempt.count({ where: { delivery: { subscriptionId: dead.id as string } } })).toBe(tried);
    // Enabling it again resumes it.
    const resumed = await api({ method: 'put', template: '/ccaas/1/webhooks/{webhookId}', params: { webhookId: dead.id as string }, body: { ...paused, enabled: true } });
    expect(resumed).toMatchObject({ paused: false, consecutiveFailures: 0 });
    const audit = await p.auditLog.findMany({ where: { entityType: 'WEBHOOK', entityId: dead.id as string }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });
});
