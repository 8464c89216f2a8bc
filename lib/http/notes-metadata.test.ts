import fs from 'node:fs';
import { beforeAll, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, makeTestKeys, type ApiCall, type ApiResult, type TestKeys } from '../test/api';
import { documentValidator } from '../test/openapi-ajv';
import { apiErrorSchema, apiStatusSchema } from '../validation/api-responses';
import { apiMetadataSchema, apiNotePageSchema, apiNoteSchema } from '../validation/api-responses-notes';
import { closedConversation } from '../domain/errors';
import { errorResponse } from './errors';
import { openApiDocument } from './openapi';

// Notes and metadata over HTTP, written as the reference writes them, checked against our strict
// document, the reference's schemas and our zod response schemas.

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

type Json = Record<string, unknown>;
type RefOp = { requestBody?: { content: { 'application/json': { examples?: Record<string, { value: unknown }> } } }; responses: Record<string, { content?: Record<string, { schema?: Json }> }> };
const reference = JSON.parse(fs.readFileSync(new URL('./reference/infobip-conversations.openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, RefOp>> };
const NOTES = '/ccaas/1/conversations/{conversationId}/notes';
const METADATA = '/ccaas/1/conversations/{conversationId}/metadata';
const MESSAGES = '/ccaas/1/conversations/{conversationId}/messages';
const example = (method: string, path: string, name?: string) => {
  const examples = reference.paths[path][method].requestBody!.content['application/json'].examples!;
  return structuredClone((name ? examples[name] : Object.values(examples)[0]).value) as Json;
};
// The reference's GET …/metadata says `type: string` while its example is the object itself.
const patched = structuredClone(reference);
patched.paths[METADATA].get.responses['200'].content!['application/json'].schema = { type: 'object' };
const refDoc = documentValidator(patched as unknown as Json, 'https://reference.test/infobip-notes', { strict: false });
const ourDoc = documentValidator(JSON.parse(JSON.stringify(openApiDocument())), 'https://switchboard.test/openapi-notes', { strict: true });

async function expectCall(call: ApiCall, status: number, own?: z.ZodType): Promise<ApiResult> {
  const res = await callApi(call);
  const where = `${call.method.toUpperCase()} ${call.template} → ${res.status} ${JSON.stringify(res.json)?.slice(0, 400)}`;
  expect(res.status, where).toBe(status);
  expect(ourDoc.documents(call.method, call.template, status), `${where}: status not in our document`).toBe(true);
  expect(ourDoc.response(call.method, call.template, status, res.json), where).toEqual([]);
  if (status < 300) {
    expect(refDoc.response(call.method, call.template, status, res.json), `${where} (reference)`).toEqual([]);
    if (own) expect(own.safeParse(res.json).error?.issues ?? [], where).toEqual([]);
  } else expect(apiErrorSchema.safeParse(res.json).error?.issues ?? [], where).toEqual([]);
  return res;
}

describeEachEngine('notes and metadata over HTTP', (ctx) => {
  let keys: TestKeys;
  let p: PrismaClient;
  let agentId: string;
  let visibleId: string;
  let hiddenId: string;
  const admin = () => ({ authorization: keys.admin });

  beforeAll(async () => {
    p = ctx.prisma as PrismaClient;
    state.prisma = p;
    keys = await makeTestKeys(p);
    agentId = (await p.user.create({ data: { email: 'angus@notes.example', name: 'Angus Young', passwordHash: 'x', role: 'AGENT' } })).id;
    // The agent key's user collaborates on this inbox, not on the other one.
    const inbox = await p.inbox.create({ data: { name: 'Notes chat', collaborators: { create: [{ userId: keys.agentUserId }] } } });
    visibleId = (await p.conversation.create({ data: { topic: 'Visible', inboxId: inbox.id, agentId } })).id;
    hiddenId = (await p.conversation.create({ data: { topic: 'Hidden' } })).id;
  });

  it('creates notes from both reference examples, lists them, and keeps them out of the messages', async () => {
    const params = { conversationId: visibleId };
    const text = await expectCall({ method: 'post', template: NOTES, params, headers: admin(), body: { ...example('post', NOTES, 'Text note.'), agentId } }, 200, apiNoteSchema);
    expect(text.json).toMatchObject({ conversationId: visibleId, agentId, content: 'Note content', type: 'INTERNAL' });
    const attached = await expectCall({ method: 'post', template: NOTES, params, headers: admin(), body: { ...example('post', NOTES, 'Note with attachments.'), agentId } }, 200, apiNoteSchema);
    expect(attached.json).toMatchObject({ agentId, content: 'Note content', type: 'ATTACHMENT' });
    // A key owned by a user writes as that user; null for the optional fields is accepted.
    const byOwner = await expectCall({ method: 'post', template: NOTES, params, headers: { authorization: keys.agentUser }, body: { type: null, content: 'from the key', agentId: null } }, 200, apiNoteSchema);
    expect(byOwner.json).toMatchObject({ agentId: keys.agentUserId, type: 'INTERNAL' });
    // A key of its own writes without an author: agentId is left out.
    const anonymous = await expectCall({ method: 'post', template: NOTES, params, headers: admin(), body: { content: 'by admin key' } }, 200, apiNoteSchema);
    expect(anonymous.json).not.toHaveProperty('agentId');

    const page = await expectCall({ method: 'get', template: NOTES, params, headers: admin(), query: { limit: '2', page: '', orderBy: '' } }, 200, apiNotePageSchema);
    expect(page.json).toMatchObject({ pagination: { totalItems: 4, page: 0, limit: 2, orderBy: 'createdAt:asc' } });
    const second = await expectCall({ method: 'get', template: NOTES, params, headers: admin(), query: { limit: '2', page: '1', orderBy: 'createdAt:DESC' } }, 200, apiNotePageSchema);
    expect((second.json as { notes: Json[] }).notes.map((n) => n.content)).toEqual(['Note content', 'Note content']);

    const messages = await expectCall({ method: 'get', template: MESSAGES, params, headers: admin() }, 200);
    expect(JSON.stringify(messages.json)).not.toMatch(/Note content|from the key|by admin key/);
  });

  it('refuses bad notes with the field at fault, and changes nothing', async () => {
    const params = { conversationId: visibleId };
    const before = await p.note.count();
    const outsider = (await p.user.create({ data: { email: 'out@notes.example', name: 'Out Sider', passwordHash: 'x' } })).id;
    const refusals: [unknown, string][] = [
      [{ content: 'x', agentId: outsider }, 'agentId'],
      [{ content: '' }, 'content'],
      [{ content: { text: '   ' } }, 'content.text'],
      [{ content: 'x'.repeat(4001) }, 'content'],
      [{ content: 'x', type: 'JIRA_COMMENT' }, 'type'],
      [{ content: 'x', extra: 1 }, '(body)'],
      [{}, 'content'],
    ];
    for (const [body, field] of refusals) {
      const res = await expectCall({ method: 'post', template: NOTES, params, headers: admin(), body }, 400);
      expect(Object.keys((res.json as { requestError: { serviceException: { validationErrors: Json } } }).requestError.serviceException.validationErrors), JSON.stringify(body)).toContain(field);
    }
    await expectCall({ method: 'post', template: NOTES, params, headers: admin(), rawBody: '"just text"' }, 400);
    await expectCall({ method: 'get', template: NOTES, params, headers: admin(), query: { orderBy: 'content:asc' } }, 400);
    expect(await p.note.count()).toBe(before);
  });

  it('answers 404 to a key that may not see the conversation, and 401 without a key', async () => {
    const params = { conversationId: hiddenId };
    for (const authorization of [keys.agent, keys.agentUser]) {
      await expectCall({ method: 'get', template: NOTES, params, headers: { authorization } }, 404);
      await expectCall({ method: 'post', template: NOTES, params, headers: { authorization }, body: { content: 'peek' } }, 404);
      await expectCall({ method: 'get', template: METADATA, params, headers: { authorization } }, 404);
      await expectCall({ method: 'put', template: METADATA, params, headers: { authorization }, body: { a: 1 } }, 404);
    }
    await expectCall({ method: 'get', template: NOTES, params: { conversationId: 'no-such-id' }, headers: admin() }, 404);
    await expectCall({ method: 'get', template: METADATA, params, headers: {} }, 401);
    expect(await p.note.count({ where: { conversationId: hiddenId } })).toBe(0);
    expect((await p.conversation.findUniqueOrThrow({ where: { id: hiddenId } })).metadata).toEqual({});
  });

  it('metadata: the reference examples for PUT and PATCH, read back, then DELETE', async () => {
    const params = { conversationId: visibleId };
    const put = await expectCall({ method: 'put', template: METADATA, params, headers: admin(), body: example('put', METADATA) }, 200, apiStatusSchema);
    expect(put.json).toEqual({ statusCode: 'SUCCESS', message: 'Metadata added to conversation successfully.' });
    expect((await expectCall({ method: 'get', template: METADATA, params, headers: admin() }, 200, apiMetadataSchema)).json).toEqual({ key1: 'value1', key2: 'value2' });
    const patch = await expectCall({ method: 'patch', template: METADATA, params, headers: admin(), body: example('patch', METADATA) }, 200, apiStatusSchema);
    expect(patch.json).toEqual({ statusCode: 'SUCCESS', message: 'Metadata patch to conversation successfully.' });
    expect((await expectCall({ method: 'get', template: METADATA, params, headers: admin() }, 200)).json).toEqual({ key1: 'value1_updated', key2: 'value2', key3: 'value3' });
    await expectCall({ method: 'patch', template: METADATA, params, headers: admin(), body: { key2: null } }, 200);
    expect((await expectCall({ method: 'get', template: METADATA, params, headers: admin() }, 200)).json).toEqual({ key1: 'value1_updated', key3: 'value3' });
    const del = await expectCall({ method: 'delete', template: METADATA, params, headers: admin() }, 200, apiStatusSchema);
    expect(del.json).toEqual({ statusCode: 'SUCCESS', message: 'Metadata deleted successfully.' });
    expect((await expectCall({ method: 'get', template: METADATA, params, headers: admin() }, 200)).json).toEqual({});
  });

  it('metadata: refuses what is not an object of at least one key, or is too large, changing nothing', async () => {
    const params = { conversationId: visibleId };
    await expectCall({ method: 'put', template: METADATA, params, headers: admin(), body: { keep: 'me' } }, 200);
    const bodies: [unknown, string][] = [
      [{}, '(body)'],
      [[{ a: 1 }], '(body)'],
      [{ big: 'x'.repeat(17_000) }, '(body)'],
      [{ ['k'.repeat(101)]: 1 }, 'k'.repeat(101)],
      [{ deep: { a: { b: { c: { d: { e: { f: 1 } } } } } } }, 'deep'],
    ];
    for (const method of ['put', 'patch'] as const) {
      for (const [body, field] of bodies) {
        const res = await expectCall({ method, template: METADATA, params, headers: admin(), body }, 400);
        expect(Object.keys((res.json as { requestError: { serviceException: { validationErrors: Json } } }).requestError.serviceException.validationErrors), `${method} ${JSON.stringify(body).slice(0, 60)}`).toContain(field);
      }
    }
    await expectCall({ method: 'put', template: METADATA, params, headers: admin(), rawBody: 'null' }, 400);
    expect((await p.conversation.findUniqueOrThrow({ where: { id: visibleId } })).metadata).toEqual({ keep: 'me' });
  });

  it('a CLOSED conversation takes notes but refuses metadata changes, as every change is refused', async () => {
    const closed = await p.conversation.create({ data: { topic: 'Closed', status: 'CLOSED', closedAt: new Date(), metadata: { plan: 'gold' } } });
    const params = { conversationId: closed.id };
    await expectCall({ method: 'post', template: NOTES, params, headers: admin(), body: { content: 'After the fact' } }, 200, apiNoteSchema);
    const refusal = closedConversation();
    const status = errorResponse(refusal).status;
    for (const call of [
      { method: 'put', body: { plan: 'silver' } },
      { method: 'patch', body: { plan: null } },
      { method: 'delete' },
    ] as const) {
      const res = await expectCall({ ...call, template: METADATA, params, headers: admin() }, status);
      expect(res.json).toMatchObject({ requestError: { serviceException: { text: refusal.message } } });
    }
    expect((await expectCall({ method: 'get', template: METADATA, params, headers: admin() }, 200)).json).toEqual({ plan: 'gold' });
  });
});
