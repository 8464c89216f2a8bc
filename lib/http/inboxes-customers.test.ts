import { beforeAll, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, makeTestKeys, type ApiCall, type ApiResult, type TestKeys } from '../test/api';
import { documentValidator } from '../test/openapi-ajv';
import { apiErrorSchema } from '../validation/api-responses';
import { apiCustomerSchema, apiInboxPageSchema } from '../validation/api-responses-extensions';
import { openApiDocument } from './openapi';

// The extensions GET /ccaas/1/inboxes and GET/PATCH /ccaas/1/customers/{customerId} over HTTP,
// each answer checked against our strict document and our zod response schemas, and what the
// database holds afterwards.

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

type Json = Record<string, unknown>;
type Fields = { requestError: { serviceException: { text: string; validationErrors?: Record<string, string[]> } } };
const INBOXES = '/ccaas/1/inboxes';
const CUSTOMER = '/ccaas/1/customers/{customerId}';
const doc = JSON.parse(JSON.stringify(openApiDocument())) as Json;
const ourDoc = documentValidator(doc, 'https://switchboard.test/openapi-extensions', { strict: true });

async function expectCall(call: ApiCall, status: number, own?: z.ZodType): Promise<ApiResult> {
  const res = await callApi(call);
  const where = `${call.method.toUpperCase()} ${call.template} ${JSON.stringify(call.body ?? call.query ?? '').slice(0, 120)} → ${res.status} ${JSON.stringify(res.json)?.slice(0, 400)}`;
  expect(res.status, where).toBe(status);
  expect(ourDoc.documents(call.method, call.template, status), `${where}: status not in our document`).toBe(true);
  expect(ourDoc.response(call.method, call.template, status, res.json), where).toEqual([]);
  if (status < 300 && own) expect(own.safeParse(res.json).error?.issues ?? [], where).toEqual([]);
  if (status >= 300) expect(apiErrorSchema.safeParse(res.json).error?.issues ?? [], where).toEqual([]);
  return res;
}

const fieldsOf = (res: ApiResult) => Object.keys((res.json as Fields).requestError.serviceException.validationErrors ?? {});

describeEachEngine('inboxes and customers over HTTP (extensions)', (ctx) => {
  let keys: TestKeys;
  let p: PrismaClient;
  let alpha: string;
  let visibleCustomer: string;
  let hiddenCustomer: string;
  let lonelyCustomer: string;
  const admin = () => ({ authorization: keys.admin });
  const agentUser = () => ({ authorization: keys.agentUser });
  const customerRow = (id: string) => p.customer.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    p = ctx.prisma as PrismaClient;
    state.prisma = p;
    keys = await makeTestKeys(p);
    // Created one after another, so createdAt orders them Gamma, Alpha, Beta.
    await p.inbox.create({ data: { name: 'Ext Gamma SMS', channel: 'SMS', autoAssign: false } });
    alpha = (await p.inbox.create({ data: { name: 'Ext Alpha chat', channel: 'LIVE_CHAT', collaborators: { create: [{ userId: keys.agentUserId }] } } })).id;
    await p.inbox.create({ data: { name: 'Ext Beta WhatsApp', channel: 'WHATSAPP', isDefault: true, reassignOnOffline: false } });
    visibleCustomer = (await p.customer.create({ data: { email: 'vera@ext.example', name: 'Vera Visible', attributes: { tier: 'gold', level: 1 } } })).id;
    hiddenCustomer = (await p.customer.create({ data: { phone: '+49 30 1234', attributes: { tier: 'silver' } } })).id;
    lonelyCustomer = (await p.customer.create({ data: { email: 'lonely@ext.example' } })).id;
    // The agent key's user sees Vera's conversation (their inbox), not the hidden customer's.
    await p.conversation.create({ data: { topic: 'Vera asks', inboxId: alpha, customerId: visibleCustomer } });
    await p.conversation.create({ data: { topic: 'Hidden asks', customerId: hiddenCustomer } });
  });

  it('lists inboxes by name with their switches, filters by channel and name, pages, and orders', async () => {
    const all = await expectCall({ method: 'get', template: INBOXES, headers: agentUser(), query: { name: 'ext ' } }, 200, apiInboxPageSchema);
    const body = all.json as { inboxes: Json[]; pagination: Json };
    expect(body.pagination).toEqual({ totalItems: 3, page: 0, limit: 10, orderBy: 'name:asc' });
    expect(body.inboxes.map((i) => i.name)).toEqual(['Ext Alpha chat', 'Ext Beta WhatsApp', 'Ext Gamma SMS']);
    expect(body.inboxes[0]).toEqual({
      id: alpha, name: 'Ext Alpha chat', channel: 'LIVE_CHAT', isDefault: false, autoAssign: true, reassignOnOffline: true,
      createdAt: expect.stringMatching(/\+0000$/), updatedAt: expect.stringMatching(/\+0000$/),
    });
    expect(body.inboxes[1]).toMatchObject({ isDefault: true, reassignOnOffline: false });
    expect(body.inboxes[2]).toMatchObject({ autoAssign: false });

    const names = async (query: Record<string, string | string[]>) =>
      ((await expectCall({ method: 'get', template: INBOXES, headers: admin(), query: { name: 'Ext', ...query } }, 200, apiInboxPageSchema)).json as { inboxes: Json[]; pagination: Json });
    expect((await names({ channel: 'WHATSAPP,SMS' })).inboxes.map((i) => i.name)).toEqual(['Ext Beta WhatsApp', 'Ext Gamma SMS']);
    expect((await names({ channel: ['LIVE_CHAT', 'SMS'] })).inboxes.map((i) => i.name)).toEqual(['Ext Alpha chat', 'Ext Gamma SMS']);
    expect((await names({ name: 'WHATSAPP' })).inboxes.map((i) => i.name)).toEqual(['Ext Beta WhatsApp']);
    const second = await names({ limit: '1', page: '1' });
    expect(second.inboxes.map((i) => i.name)).toEqual(['Ext Beta WhatsApp']);
    expect(second.pagination).toEqual({ totalItems: 3, page: 1, limit: 1, orderBy: 'name:asc' });
    expect((await names({ orderBy: 'createdAt:DESC' })).inboxes.map((i) => i.name)).toEqual(['Ext Beta WhatsApp', 'Ext Alpha chat', 'Ext Gamma SMS']);
    expect((await names({ orderBy: 'name:desc' })).inboxes.map((i) => i.name)).toEqual(['Ext Gamma SMS', 'Ext Beta WhatsApp', 'Ext Alpha chat']);
    // Empty parameters, as a form-filled client sends them, are the defaults.
    expect((await names({ page: '', limit: '', orderBy: '', channel: '' })).pagination).toEqual({ totalItems: 3, page: 0, limit: 10, orderBy: 'name:asc' });
    expect((await names({ name: 'no such inbox' })).inboxes).toEqual([]);

    for (const [query, field] of [[{ orderBy: 'channel:asc' }, 'orderBy'], [{ channel: 'PIGEON' }, 'channel.0'], [{ limit: '1000' }, 'limit'], [{ page: '-1' }, 'page']] as const) {
      expect(fieldsOf(await expectCall({ method: 'get', template: INBOXES, headers: admin(), query }, 400))).toContain(field);
    }
  });

  it('lists inboxes in a fixed number of queries, whatever the page size', async () => {
    let n = ctx.queryCount();
    await expectCall({ method: 'get', template: INBOXES, headers: admin(), query: { limit: '1' } }, 200);
    const one = ctx.queryCount() - n;
    n = ctx.queryCount();
    await expectCall({ method: 'get', template: INBOXES, headers: admin(), query: { limit: '999' } }, 200);
    expect(ctx.queryCount() - n).toBe(one);
    expect(one).toBeLessThanOrEqual(3); // the key check, the page, the count
  });

  it('reads a customer: null fields left out, 404 for what the key may not see', async () => {
    const vera = await expectCall({ method: 'get', template: CUSTOMER, params: { customerId: visibleCustomer }, headers: agentUser() }, 200, apiCustomerSchema);
    expect(vera.json).toEqual({
      id: visibleCustomer, name: 'Vera Visible', email: 'vera@ext.example', attributes: { tier: 'gold', level: 1 },
      createdAt: expect.stringMatching(/\+0000$/), updatedAt: expect.stringMatching(/\+0000$/),
    });
    const hidden = await expectCall({ method: 'get', template: CUSTOMER, params: { customerId: hiddenCustomer }, headers: admin() }, 200, apiCustomerSchema);
    expect(hidden.json).toMatchObject({ id: hiddenCustomer, phone: '+49 30 1234', attributes: { tier: 'silver' } });
    expect(hidden.json).not.toHaveProperty('name');
    expect(hidden.json).not.toHaveProperty('email');
    // A supervisor or admin reaches a customer without any conversation too.
    await expectCall({ method: 'get', template: CUSTOMER, params: { customerId: lonelyCustomer }, headers: admin() }, 200, apiCustomerSchema);

    for (const customerId of [hiddenCustomer, lonelyCustomer]) {
      const res = await expectCall({ method: 'get', template: CUSTOMER, params: { customerId }, headers: agentUser() }, 404);
      expect((res.json as Fields).requestError.serviceException.text).toBe('Customer not found.');
    }
    // A key of its own sees no conversation, so no customer either.
    await expectCall({ method: 'get', template: CUSTOMER, params: { customerId: visibleCustomer }, headers: { authorization: keys.agent } }, 404);
    await expectCall({ method: 'get', template: CUSTOMER, params: { customerId: 'no-such-customer' }, headers: admin() }, 404);
  });

  it('refuses calls without a valid key (401), and a key that may not see the customer changes nothing (404)', async () => {
    const before = await customerRow(hiddenCustomer);
    await expectCall({ method: 'get', template: INBOXES, headers: {} }, 401);
    await expectCall({ method: 'get', template: CUSTOMER, params: { customerId: visibleCustomer }, headers: { authorization: 'App not-a-key' } }, 401);
    await expectCall({ method: 'patch', template: CUSTOMER, params: { customerId: hiddenCustomer }, headers: {}, body: { name: 'Nope' } }, 401);
    for (const authorization of [keys.agentUser, keys.agent]) {
      await expectCall({ method: 'patch', template: CUSTOMER, params: { customerId: hiddenCustomer }, headers: { authorization }, body: { name: 'Peek', attributes: { authLevel: 'strong' } } }, 404);
    }
    expect(await customerRow(hiddenCustomer)).toEqual(before);
  });

  it('merges attributes key by key (null removes one), replaces them whole on request, and clears fields with null', async () => {
    const params = { customerId: visibleCustomer };
    const merged = await expectCall({ method: 'patch', template: CUSTOMER, params, headers: agentUser(), body: { attributes: { authLevel: 'strong', level: null } } }, 200, apiCustomerSchema);
    expect(merged.json).toMatchObject({ id: visibleCustomer, name: 'Vera Visible', attributes: { tier: 'gold', authLevel: 'strong' } });
    expect((await customerRow(visibleCustomer)).attributes).toEqual({ tier: 'gold', authLevel: 'strong' });

    // Fields: set, cleared with null, email stored lower-case; attributes untouched when not given (or null).
    const fields = await expectCall({ method: 'patch', template: CUSTOMER, params, headers: agentUser(), body: { name: null, country: 'DE', phone: ' +49 151 777 ', email: 'Vera@EXT.example', attributes: null } }, 200, apiCustomerSchema);
    expect(fields.json).not.toHaveProperty('name');
    expect(fields.json).toMatchObject({ country: 'DE', phone: '+49 151 777', email: 'vera@ext.example', attributes: { tier: 'gold', authLevel: 'strong' } });
    expect(await customerRow(visibleCustomer)).toMatchObject({ name: null, country: 'DE', phone: '+49 151 777', email: 'vera@ext.example' });

    // The customer as read, sent back with a change: read-only fields are ignored.
    const read = (await expectCall({ method: 'get', template: CUSTOMER, params, headers: admin() }, 200)).json as Json;
    const back = await expectCall({ method: 'patch', template: CUSTOMER, params, headers: admin(), body: { ...read, name: 'Vera V.', createdAt: '2000-01-01T00:00:00.000+0000' } }, 200, apiCustomerSchema);
    expect(back.json).toMatchObject({ name: 'Vera V.', createdAt: read.createdAt, attributes: read.attributes });
    expect(ourDoc.component('PatchCustomerApiRequest', { ...read, name: 'Vera V.' })).toEqual([]);

    const replaced = await expectCall({ method: 'patch', template: CUSTOMER, params, headers: admin(), body: { attributes: { segment: 'b2b', gone: null }, replaceAttributes: true } }, 200, apiCustomerSchema);
    expect((replaced.json as Json).attributes).toEqual({ segment: 'b2b' });
    expect((await customerRow(visibleCustomer)).attributes).toEqual({ segment: 'b2b' });
    await expectCall({ method: 'patch', template: CUSTOMER, params, headers: admin(), body: { attributes: {}, replaceAttributes: true } }, 200);
    expect((await customerRow(visibleCustomer)).attributes).toEqual({});
    // Either contact may go while the other stays.
    await expectCall({ method: 'patch', template: CUSTOMER, params, headers: admin(), body: { email: null } }, 200);
    expect(await customerRow(visibleCustomer)).toMatchObject({ email: null, phone: '+49 151 777' });
  });

  it('refuses bad input with the field at fault, and changes nothing', async () => {
    const customerId = lonelyCustomer;
    await p.customer.update({ where: { id: customerId }, data: { attributes: { note: 'x'.repeat(5000) } } });
    const before = await customerRow(customerId);
    const refusals: [unknown, string][] = [
      [{ email: 'not-an-email' }, 'email'],
      [{ country: 'Germany' }, 'country'],
      [{ country: 'de' }, 'country'],
      [{ phone: 'call me' }, 'phone'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ attributes: { big: 'y'.repeat(8001) } }, 'attributes'],
      // Within the limit alone, over it once merged with what the customer has.
      [{ attributes: { more: 'y'.repeat(4000) } }, 'attributes'],
      [{ attributes: { ['k'.repeat(101)]: 1 } }, 'attributes.' + 'k'.repeat(101)],
      [{ attributes: 'strong' }, 'attributes'],
      [{ attributes: ['a'] }, 'attributes'],
      [{ replaceAttributes: true }, 'attributes'],
      [{ replaceAttributes: 'yes', attributes: {} }, 'replaceAttributes'],
      [{}, '(body)'],
      [{ id: null, createdAt: null, attributes: null }, '(body)'],
      [{ name: 'Ok', nickname: 'Lo' }, '(body)'],
      [{ id: 'another-id', name: 'Ok' }, 'id'],
      // The customer's only contact cannot go.
      [{ email: null }, 'email'],
      [{ email: null, phone: null }, 'email'],
    ];
    for (const [body, field] of refusals) {
      const res = await expectCall({ method: 'patch', template: CUSTOMER, params: { customerId }, headers: admin(), body }, 400);
      expect(fieldsOf(res), JSON.stringify(body).slice(0, 80)).toContain(field);
    }
    await expectCall({ method: 'patch', template: CUSTOMER, params: { customerId }, headers: admin(), rawBody: '[1]' }, 400);
    await expectCall({ method: 'patch', template: CUSTOMER, params: { customerId }, headers: admin(), rawBody: '{"name":' }, 400);
    expect(await customerRow(customerId)).toEqual(before);
  });

  it('refuses an email or phone another customer has, also when two requests race for one', async () => {
    const a = (await p.customer.create({ data: { email: 'a@dup.example', phone: '+1 555 0001' } })).id;
    const b = (await p.customer.create({ data: { email: 'b@dup.example' } })).id;
    const before = await customerRow(b);
    const email = await expectCall({ method: 'patch', template: CUSTOMER, params: { customerId: b }, headers: admin(), body: { email: 'A@dup.example', name: 'Bee' } }, 400);
    expect((email.json as Fields).requestError.serviceException.validationErrors).toEqual({ email: ['Another customer has this email.'] });
    const phone = await expectCall({ method: 'patch', template: CUSTOMER, params: { customerId: b }, headers: admin(), body: { phone: '+1 555 0001' } }, 400);
    expect(fieldsOf(phone)).toEqual(['phone']);
    expect(await customerRow(b)).toEqual(before);
    // Its own email again is no conflict.
    await expectCall({ method: 'patch', template: CUSTOMER, params: { customerId: a }, headers: admin(), body: { email: 'a@dup.example' } }, 200);

    // Two customers ask for one new email at once: the unique index lets exactly one have it.
    const results = await Promise.all(
      [a, b].map((customerId) => callApi({ method: 'patch', template: CUSTOMER, params: { customerId }, headers: admin(), body: { email: 'race@dup.example' } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(fieldsOf(results.find((r) => r.status === 400)!)).toEqual(['email']);
    expect(await p.customer.count({ where: { email: 'race@dup.example' } })).toBe(1);
  });

  it('a route request sees the change: authLevel strong moves the conversation to the queue whose route asks for it', async () => {
    const verified = (await p.queue.create({ data: { name: 'Ext Verified' } })).id;
    await expectCall({ method: 'put', template: '/ccaas/1/routing', headers: admin(), body: [{ name: 'Strong', expression: { $eq: { 'customer.authLevel': 'strong' } }, queueId: verified }] }, 200);
    const created = await expectCall({
      method: 'post', template: '/ccaas/1/conversations', headers: agentUser(),
      body: { inboxId: alpha, customer: { email: 'bot-handoff@ext.example', name: 'Hand Off' }, message: { text: 'Hello' } },
    }, 200);
    const { id: conversationId, customerId } = created.json as { id: string; customerId: string };
    expect(created.json).not.toHaveProperty('queueId');
    const route = { method: 'post' as const, template: '/ccaas/1/conversations/{conversationId}/route', params: { conversationId }, headers: agentUser() };
    const still = ((await expectCall(route, 200)).json as { conversations: Json[] }).conversations[0];
    expect(still).not.toHaveProperty('queueId');

    await expectCall({ method: 'patch', template: CUSTOMER, params: { customerId }, headers: agentUser(), body: { attributes: { authLevel: 'strong' } } }, 200, apiCustomerSchema);
    const routed = ((await expectCall(route, 200)).json as { conversations: Json[] }).conversations[0];
    expect(routed).toMatchObject({ id: conversationId, queueId: verified });
    expect((await p.conversation.findUniqueOrThrow({ where: { id: conversationId } })).queueId).toBe(verified);
  });
});
