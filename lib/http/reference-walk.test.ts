import fs from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, exportedMethods, makeTestKeys, routeFiles, type ApiCall, type ApiResult, type TestKeys } from '../test/api';
import { documentValidator } from '../test/openapi-ajv';
import type { HttpMethod } from '../operations/http-binding';
import { openApiDocument } from './openapi';

// Walks every operation of the reference document (Infobip Conversations, 44 operations) against
// our server, sending the reference's own request examples (their made-up ids replaced by ids
// that exist here). Each write is read back and the read must show it; every answer must validate
// against our strict document and against the reference's response schema. Where the reference's
// schema is itself defective, REFERENCE_DEFECTS names the defect and what replaces it (the
// reference's own example), and the answer must carry the fields that example has.

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

type Json = Record<string, unknown>;
type RefOperation = { operationId: string; requestBody?: { content: { 'application/json': { schema: Json; examples?: Record<string, { value: unknown }> } } }; responses: Record<string, { content?: { 'application/json'?: { schema?: Json; examples?: Record<string, { value: unknown }> } } }> };
const referenceText = fs.readFileSync(new URL('./reference/infobip-conversations.openapi.json', import.meta.url), 'utf8');
const reference = JSON.parse(referenceText) as { paths: Record<string, Record<string, RefOperation>>; components: { schemas: Record<string, Json> } };
const ours = openApiDocument();
const ourDoc = documentValidator(JSON.parse(JSON.stringify(ours)), 'https://switchboard.test/openapi', { strict: true });

const DAY = { type: 'object', properties: { startTime: { type: 'integer', minimum: 0, maximum: 1440 }, endTime: { type: 'integer', minimum: 0, maximum: 1440 }, enabled: { type: 'boolean' } } };
const WEEK = { type: 'object', properties: Object.fromEntries(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((d) => [d, DAY])) };

/** Defects of the reference's schemas: each replaced by what the reference's own examples show. */
export const REFERENCE_DEFECTS: { what: string; patch: (doc: typeof reference) => void }[] = [
  {
    what: '`workWeek` (DailyWorkingHoursApiModel, and inline in WorkingHoursApiResponse) is typed as an object with a string `enum` of weekdays and one day’s fields at the top; the example is an object of seven days, each {startTime, endTime, enabled}.',
    patch: (d) => {
      d.components.schemas.DailyWorkingHoursApiModel = WEEK;
      (d.components.schemas.WorkingHoursApiResponse.properties as Json).workWeek = WEEK;
    },
  },
  {
    what: 'Holiday `startDate`/`endDate` say `format: date-time` but are described and exemplified as yyyy-MM-dd.',
    patch: (d) => {
      const props = d.components.schemas.HolidaysApiModel.properties as Record<string, Json>;
      for (const k of ['startDate', 'endDate']) props[k] = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    },
  },
  {
    what: 'GET …/metadata answers `type: string`, but its example is the metadata object itself.',
    patch: (d) => {
      const r = d.paths['/ccaas/1/conversations/{conversationId}/metadata'].get.responses['200'].content!['application/json']!;
      r.schema = { type: 'object' };
    },
  },
  {
    what: 'A rule’s `expression` is typed as an object whose values are objects, but `$and`/`$or` take arrays, as the reference’s own rule examples show.',
    patch: (d) => {
      (d.components.schemas.RuleApiResponse.properties as Json).expression = { type: 'object' };
    },
  },
  {
    what: 'POST …/route answers a ConversationResultPage by its schema, but its example is one bare conversation: we follow the schema, and the example’s fields are checked on the page’s conversation (EXAMPLE_AT).',
    patch: () => {},
  },
  {
    what: 'No response schema has `required` fields, so `{}` would pass: the answer must also carry every field of the reference’s example (see `expectExampleFields`).',
    patch: () => {},
  },
];

const patched = JSON.parse(referenceText) as typeof reference;
for (const d of REFERENCE_DEFECTS) d.patch(patched);
const refDoc = documentValidator(patched as unknown as Json, 'https://reference.test/infobip', { strict: false });

/** The reference's first request example (named examples first, else the schema's `example`). */
function requestExample(method: HttpMethod, path: string, name?: string): unknown {
  const body = reference.paths[path][method].requestBody?.content['application/json'];
  if (!body) throw new Error(`${method} ${path} takes no body in the reference`);
  if (body.examples) return structuredClone((name ? body.examples[name] : Object.values(body.examples)[0]).value);
  const ref = (body.schema.$ref ?? (body.schema.items as Json | undefined)?.$ref) as string;
  return structuredClone(reference.components.schemas[ref.split('/').pop()!].example);
}

/** The reference's 200 example: a named example, or the response schema's `example`. */
function responseExample(method: HttpMethod, path: string): unknown {
  const content = reference.paths[path][method].responses['200']?.content?.['application/json'];
  if (content?.examples) return Object.values(content.examples)[0].value;
  const ref = content?.schema?.$ref as string | undefined;
  return ref ? reference.components.schemas[ref.split('/').pop()!].example : undefined;
}

/**
 * Fields of the reference's example missing from our answer (objects by key, arrays by their first
 * item). `optional` lists fields we omit when they have no value (an unassigned conversation has
 * no agentId), each with the reason in the caller.
 */
function missingFields(example: unknown, actual: unknown, optional: string[], at = ''): string[] {
  if (Array.isArray(example)) return example.length && Array.isArray(actual) && actual.length ? missingFields(example[0], actual[0], optional, `${at}[]`) : [];
  if (!example || typeof example !== 'object') return [];
  if (!actual || typeof actual !== 'object') return [at || '(root)'];
  return Object.entries(example as Json).flatMap(([k, v]) => {
    const here = at ? `${at}.${k}` : k;
    if (!(k in (actual as Json))) return optional.includes(k) ? [] : [here];
    return missingFields(v, (actual as Json)[k], optional, here);
  });
}

// Queues: every assignment policy field is answered; `isRestricted` is not (Switchboard has no
// restricted queues), `deletedAt` is for the reference's soft-deleted queues, which Switchboard
// does not keep, and unset ids are left out.
const QUEUE_OPTIONAL = ['isRestricted', 'deletedAt', 'workingHoursId', 'externalId'];

/** Where in our answer the reference's example sits, where the two differ in shape (see REFERENCE_DEFECTS). */
const EXAMPLE_AT: Record<string, (body: unknown) => unknown> = {
  'POST /ccaas/1/conversations/{conversationId}/route': (body) => (body as { conversations: unknown[] }).conversations[0],
};

const covered = new Set<string>();
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describeEachEngine('every reference operation against our server', (ctx) => {
  let keys: TestKeys;
  const admin = () => ({ authorization: keys.admin });

  /** One call of a reference operation, checked against both documents; 2xx answers also against the reference's example. */
  async function call(c: ApiCall, status: number, optional: string[] = []): Promise<ApiResult> {
    const res = await callApi(c);
    const where = `${key(c.method, c.template)} → ${res.status} ${JSON.stringify(res.json)?.slice(0, 500)}`;
    expect(res.status, where).toBe(status);
    if (reference.paths[c.template]?.[c.method]) covered.add(key(c.method, c.template));
    expect(ourDoc.response(c.method, c.template, status, res.json), `${where} (our document)`).toEqual([]);
    if (status < 300) {
      expect(refDoc.response(c.method, c.template, status, res.json), `${where} (reference)`).toEqual([]);
      const example = responseExample(c.method, c.template);
        const omitted = c.template.startsWith('/ccaas/1/queues') ? [...optional, ...QUEUE_OPTIONAL] : optional;
      const actual = EXAMPLE_AT[key(c.method, c.template)]?.(res.json) ?? res.json;
      expect(missingFields(example, actual, omitted), `${where}: fields of the reference's example`).toEqual([]);
    }
    return res;
  }
  const get = async (template: string, params: Record<string, string> = {}, query?: Record<string, string>, optional: string[] = []) =>
    (await call({ method: 'get', template, params, query, headers: admin() }, 200, optional)).json as Json;
  const send = (method: HttpMethod, template: string, params: Record<string, string>, body: unknown, status = 200, optional: string[] = []) =>
    call({ method, template, params, headers: admin(), ...(body !== undefined && { body }) }, status, optional);

  // Our conversations omit fields that have no value (no agent, not closed).
  const CONVERSATION_OPTIONAL = ['agentId', 'queueId', 'closedAt', 'topic', 'summary'];
  let agentId: string;
  let queueId: string;
  let queue2Id: string;
  let hoursId: string;
  let conversationId: string;

  beforeAll(async () => {
    const p = ctx.prisma as PrismaClient;
    state.prisma = p;
    keys = await makeTestKeys(p);
    await p.inbox.create({ data: { name: 'Walk chat', channel: 'LIVE_CHAT', isDefault: true } });
  });

  it('tags: create (the reference’s example name breaks our tag pattern), list', async () => {
    const example = requestExample('post', '/ccaas/1/tags') as { name: string };
    // SPEC §1: tags are [A-Za-z0-9._-]{1,100}; the reference's "Tag 1" has a space. Refused, clearly.
    const refused = await send('post', '/ccaas/1/tags', {}, example, 400);
    expect(JSON.stringify(refused.json)).toMatch(/letters, digits/);
    await send('post', '/ccaas/1/tags', {}, { name: example.name.replace(/ /g, '_') });
    const page = await get('/ccaas/1/tags', {}, { name: 'Tag_1' });
    expect((page.tags as Json[]).map((t) => t.name)).toEqual(['Tag_1']);
  });

  it('queues and working hours: the reference’s bodies, nulls included, are accepted and read back', async () => {
    queueId = ((await send('post', '/ccaas/1/queues', {}, requestExample('post', '/ccaas/1/queues'))).json as Json).id as string;
    queue2Id = ((await send('post', '/ccaas/1/queues', {}, { name: 'Second queue' })).json as Json).id as string;
    expect((await get('/ccaas/1/queues', {}, { name: 'Spanish' })).queues).toMatchObject([{ id: queueId, name: 'Spanish Support' }]);

    const created = (await send('post', '/ccaas/1/working-hours', {}, requestExample('post', '/ccaas/1/working-hours'))).json as Json;
    hoursId = created.id as string;
    const read = await get('/ccaas/1/working-hours/{id}', { id: hoursId });
    expect(read).toMatchObject({ name: 'My Working Hours', timezone: 'Etc/UTC', isDefault: true, closeConversations: false, workWeek: { MONDAY: { startTime: 0, endTime: 1440, enabled: true } } });
    expect((read.holidays as Json[]).map((h) => [h.name, h.startDate, h.enabled, h.workingHoursId])).toEqual([
      ["New Year's Day", '2021-01-01', true, hoursId],
      ['My Holiday', '2021-06-09', false, hoursId],
    ]);
    expect(((await get('/ccaas/1/working-hours', {}, { name: 'My Working' })).workingHours as Json[]).map((w) => w.id)).toEqual([hoursId]);

    // The reference's queue example verbatim: null workingHoursId and externalId.
    const body = requestExample('put', '/ccaas/1/queues/{queueId}');
    await send('put', '/ccaas/1/queues/{queueId}', { queueId }, body);
    // Its assignment policy is stored and read back as sent.
    const policy = (({ isAutoAssignmentEnabled, autoAssignmentAlgorithm, isAutoAssignmentOutsideOfWorkingHoursEnabled, stickyAgentTimeoutDays, isStickyAutoAssignmentEnabled }) => ({
      isAutoAssignmentEnabled, autoAssignmentAlgorithm, isAutoAssignmentOutsideOfWorkingHoursEnabled, stickyAgentTimeoutDays, isStickyAutoAssignmentEnabled,
    }))(body as Json);
    expect(policy.autoAssignmentAlgorithm).toBe('LOAD_BALANCING');
    expect((await get('/ccaas/1/queues', {}, { name: 'Spanish' })).queues).toMatchObject([{ id: queueId, ...policy }]);
    await send('put', '/ccaas/1/queues/{queueId}', { queueId }, { ...(body as Json), workingHoursId: hoursId, externalId: 'ext-7' });
    expect((await get('/ccaas/1/queues', {}, { name: 'Spanish' })).queues).toMatchObject([{ id: queueId, workingHoursId: hoursId, externalId: 'ext-7' }]);

    // PATCH and PUT with the reference's example (PATCH first: it renames nothing, so the unique name holds).
    await send('patch', '/ccaas/1/working-hours/{id}', { id: hoursId }, { ...(requestExample('patch', '/ccaas/1/working-hours/{id}') as Json), message: 'Back at 9.' });
    expect(await get('/ccaas/1/working-hours/{id}', { id: hoursId })).toMatchObject({ message: 'Back at 9.' });
    await send('put', '/ccaas/1/working-hours/{id}', { id: hoursId }, { ...(requestExample('put', '/ccaas/1/working-hours/{id}') as Json), id: hoursId, name: 'Weekdays' });
    expect(await get('/ccaas/1/working-hours/{id}', { id: hoursId })).toMatchObject({ name: 'Weekdays', message: "We're out of office, come back another time, thank you!" });
  });

  it('agents: create (with our required email), read, list with filters, change, status, heartbeat, queues', async () => {
    const example = requestExample('post', '/ccaas/1/agents') as Json;
    await send('post', '/ccaas/1/agents', {}, example, 400);
    const created = (await send('post', '/ccaas/1/agents', {}, { ...example, email: 'angus@example.com' })).json as Json;
    agentId = created.id as string;
    expect(created).toMatchObject({ displayName: 'Angus Young', role: 'SUPERVISOR', status: 'ACTIVE', enabled: true });
    expect(created.setPasswordUrl).toMatch(/\/set-password\?token=/);
    expect(await get('/ccaas/1/agents/{agentId}', { agentId })).toMatchObject({ id: agentId, email: 'angus@example.com', displayName: 'Angus Young', status: 'ACTIVE', availability: 'ACTIVE' });
    const listed = await get('/ccaas/1/agents', {}, { displayName: 'Angus', role: 'SUPERVISOR', status: 'ACTIVE', enabled: 'true' });
    expect((listed.agents as Json[]).map((a) => a.id)).toEqual([agentId]);

    await send('put', '/ccaas/1/agents/{agentId}', { agentId }, { ...(requestExample('put', '/ccaas/1/agents/{agentId}') as Json), displayName: 'Angus Young Jr', role: 'AGENT', status: 'BUSY' });
    expect(await get('/ccaas/1/agents/{agentId}', { agentId })).toMatchObject({ displayName: 'Angus Young Jr', role: 'AGENT', status: 'BUSY', availability: 'BUSY' });

    await send('put', '/ccaas/1/agents/{agentId}/status', { agentId }, requestExample('put', '/ccaas/1/agents/{agentId}/status'));
    expect(await get('/ccaas/1/agents/{agentId}', { agentId })).toMatchObject({ status: 'ACTIVE' });
    await send('put', '/ccaas/1/agents/{agentId}/heartbeat', { agentId }, undefined);

    await send('post', '/ccaas/1/agents/{agentId}/queues', { agentId }, { ...(requestExample('post', '/ccaas/1/agents/{agentId}/queues') as Json), queueId });
    expect((await get('/ccaas/1/queues', {}, { agentId })).queues).toMatchObject([{ id: queueId }]);
  });

  it('conversations: create, read, PUT the conversation as read, PATCH, assign, unassign, tags', async () => {
    const example = { ...(requestExample('post', '/ccaas/1/conversations') as Json), queueId, agentId };
    const created = (await send('post', '/ccaas/1/conversations', {}, example)).json as Json;
    conversationId = created.id as string;
    const one = '/ccaas/1/conversations/{conversationId}';
    const read = await get(one, { conversationId }, undefined, CONVERSATION_OPTIONAL);
    // A conversation's channel comes from its request (or first message), else NO_CHANNEL.
    expect(read).toMatchObject({ topic: 'Topic', summary: 'Summary', status: 'OPEN', priority: 'HIGH', queueId, agentId, channel: 'NO_CHANNEL' });

    // Sent back as it was read, read-only fields (id, createdAt, updatedAt…) and all.
    await send('put', one, { conversationId }, { ...read, topic: 'Topic, again' }, 200, CONVERSATION_OPTIONAL);
    expect(await get(one, { conversationId }, undefined, CONVERSATION_OPTIONAL)).toMatchObject({ topic: 'Topic, again', priority: 'HIGH' });
    await send('patch', one, { conversationId }, { ...(requestExample('patch', one) as Json), queueId, agentId, priority: 'URGENT' }, 200, CONVERSATION_OPTIONAL);
    expect(await get(one, { conversationId }, undefined, CONVERSATION_OPTIONAL)).toMatchObject({ priority: 'URGENT', topic: 'Topic' });

    await send('delete', `${one}/assignee`, { conversationId }, undefined, 200, CONVERSATION_OPTIONAL);
    expect(await get(one, { conversationId }, undefined, CONVERSATION_OPTIONAL)).not.toHaveProperty('agentId');
    await send('put', `${one}/assignee`, { conversationId }, { ...(requestExample('put', `${one}/assignee`) as Json), agentId }, 200, CONVERSATION_OPTIONAL);
    expect(await get(one, { conversationId }, undefined, CONVERSATION_OPTIONAL)).toMatchObject({ agentId });
    expect(((await get('/ccaas/1/agents/{agentId}/conversations', { agentId }, undefined, CONVERSATION_OPTIONAL)).conversations as Json[]).map((c) => c.id)).toEqual([conversationId]);

    // Null for every optional field it leaves unset, as reference clients write it.
    const nulls = { topic: null, summary: null, status: null, priority: null, queueId: null, agentId: null, channel: null, inboxId: null, tags: null, customer: null, message: null };
    const withNulls = (await send('post', '/ccaas/1/conversations', {}, nulls, 200, CONVERSATION_OPTIONAL)).json as Json;
    expect(withNulls).toMatchObject({ status: 'OPEN', priority: 'NORMAL', channel: 'NO_CHANNEL' });

    const tagExample = requestExample('post', `${one}/tags`) as { tagName: string };
    await send('post', `${one}/tags`, { conversationId }, tagExample, 400);
    await send('post', `${one}/tags`, { conversationId }, { tagName: tagExample.tagName.replace(/ /g, '_') });
    expect(((await get('/ccaas/1/tags', {}, { conversationId })).tags as Json[]).map((t) => t.name)).toEqual(['Tag_Name']);
    await send('delete', `${one}/tags/{tagName}`, { conversationId, tagName: 'Tag_Name' }, undefined);
    expect((await get('/ccaas/1/tags', {}, { conversationId })).tags).toEqual([]);
    expect(await get('/ccaas/1/conversations', {}, { conversationIds: conversationId, orderBy: '', agentId: '' }, CONVERSATION_OPTIONAL)).toMatchObject({ pagination: { totalItems: 1 } });
  });

  it('messages: the reference’s TEXT examples, quick replies included', async () => {
    const path = '/ccaas/1/conversations/{conversationId}/messages';
    const names = ['Sending SMS message.', 'Sending LIVE CHAT message with TEXT content.', 'Sending FACEBOOK TEXT message with QUICK REPLIES content.'];
    for (const name of names) await send('post', path, { conversationId }, requestExample('post', path, name));
    // The customer writes on live chat (our `direction` extension): routing below reads this message.
    await send('post', path, { conversationId }, { ...(requestExample('post', path, names[1]) as Json), direction: 'INBOUND', content: { text: 'Hello, anyone there?' } });
    const page = await get(path, { conversationId }, { orderBy: 'createdAt:asc' });
    const messages = page.messages as { content: { text: string }; attributes?: Json }[];
    expect(messages.map((m) => m.content.text)).toEqual(['Text content.', 'Text content.', 'test', 'Hello, anyone there?']);
    expect(messages[2].attributes?.quickReplies).toHaveLength(3);
  });

  it('notes: both reference examples, then the list', async () => {
    const path = '/ccaas/1/conversations/{conversationId}/notes';
    const text = { ...(requestExample('post', path, 'Text note.') as Json), agentId };
    const created = (await send('post', path, { conversationId }, text)).json as Json;
    expect(created).toMatchObject({ conversationId, agentId, content: 'Note content', type: 'INTERNAL' });
    const page = await get(path, { conversationId });
    expect((page.notes as Json[]).map((n) => n.content)).toContain('Note content');
    // Notes never reach the customer: the messages list has none of them.
    const messages = await get('/ccaas/1/conversations/{conversationId}/messages', { conversationId });
    expect(JSON.stringify(messages)).not.toContain('Note content');
  });

  it('metadata: put, patch (merging), read, delete', async () => {
    const path = '/ccaas/1/conversations/{conversationId}/metadata';
    await send('put', path, { conversationId }, requestExample('put', path));
    expect(await get(path, { conversationId })).toEqual({ key1: 'value1', key2: 'value2' });
    await send('patch', path, { conversationId }, requestExample('patch', path));
    // The reference's example response is the PUT's; after the PATCH the fields are its own.
    const after = (await call({ method: 'get', template: path, params: { conversationId }, headers: admin() }, 200, ['key1', 'key2', 'key3'])).json;
    expect(after).toEqual({ key1: 'value1_updated', key2: 'value2', key3: 'value3' });
    await send('delete', path, { conversationId }, undefined);
    expect((await callApi({ method: 'get', template: path, params: { conversationId }, headers: admin() })).json).toEqual({});
  });

  it('routing: the reference’s rule list (one rule without a name), simulate, route, delete', async () => {
    const rules = (requestExample('put', '/ccaas/1/routing') as Json[]).map((r, i) => ({ ...r, queueId: i === 1 ? queue2Id : queueId }));
    delete (rules[2] as Json).name;
    await send('put', '/ccaas/1/routing', {}, rules);
    const list = await get('/ccaas/1/routing');
    expect((list.routes as Json[]).map((r) => [r.name, r.queueId, r.routeOnlyDuringWorkingHours, r.order])).toEqual([
      ['First Rule', queueId, true, 1],
      ['Second Rule', queue2Id, false, 2],
      [expect.any(String), queueId, false, 3],
    ]);
    expect(((await get('/ccaas/1/routing', {}, { enabled: 'true' })).routes as Json[]).length).toBe(3);

    const one = '/ccaas/1/conversations/{conversationId}';
    // Its latest inbound message is on LIVE_CHAT: the first rule holds.
    expect(await get(`${one}/simulate-routing`, { conversationId })).toMatchObject({ queueId, priority: 'URGENT' });
    const routed = (await send('post', `${one}/route`, { conversationId }, undefined, 200, CONVERSATION_OPTIONAL)).json as { conversations: Json[] };
    expect(routed.conversations[0]).toMatchObject({ id: conversationId, queueId, priority: 'URGENT' });

    await send('delete', '/ccaas/1/routing', {}, undefined);
    expect((await get('/ccaas/1/routing')).routes).toEqual([]);
  });

  it('deletes: a tag everywhere, a membership, working hours (refused while a queue uses them), a queue', async () => {
    await send('delete', '/ccaas/1/tags/{tagName}', { tagName: 'Tag_1' }, undefined);
    expect((await get('/ccaas/1/tags', {}, { name: 'Tag_1' })).tags).toEqual([]);

    await send('delete', '/ccaas/1/agents/{agentId}/queues/{queueId}', { agentId, queueId }, undefined);
    expect((await get('/ccaas/1/queues', {}, { agentId })).queues).toEqual([]);

    await send('delete', '/ccaas/1/working-hours/{id}', { id: hoursId }, undefined, 400);
    await send('put', '/ccaas/1/queues/{queueId}', { queueId }, { name: 'Spanish Support', workingHoursId: null });
    await send('delete', '/ccaas/1/working-hours/{id}', { id: hoursId }, undefined);
    await call({ method: 'get', template: '/ccaas/1/working-hours/{id}', params: { id: hoursId }, headers: admin() }, 404);

    await send('delete', '/ccaas/1/queues/{queueId}', { queueId }, undefined);
    expect((await get('/ccaas/1/queues', {}, { name: 'Spanish' })).queues).toEqual([]);
  });

  afterAll(() => {
    state.prisma = undefined;
  });
});

it('answers all 44 operations of the reference with a handler of their own', async () => {
  const refOps = Object.entries(reference.paths).flatMap(([p, item]) => Object.keys(item).map((m) => key(m, p)));
  expect(refOps).toHaveLength(44);
  const served = new Set<string>();
  for (const r of routeFiles()) for (const m of await exportedMethods(r.file)) served.add(key(m, r.template));
  expect(refOps.filter((op) => !served.has(op)), 'reference operations without a handler').toEqual([]);
  // …and the walk above called each of them (on every engine it ran on).
  expect(refOps.filter((op) => !covered.has(op)), 'reference operations the walk did not call').toEqual([]);
});
