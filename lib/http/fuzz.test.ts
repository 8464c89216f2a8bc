import fc from 'fast-check';
import { beforeAll, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, makeTestKeys, type ApiCall, type TestKeys } from '../test/api';
import { authorization, body, idempotencyKey, pathParam, query } from '../test/api-arbitraries';
import { documentValidator } from '../test/openapi-ajv';
import { apiErrorSchema } from '../validation/api-responses';
import { openApiDocument } from './openapi';
import { HTTP_METHODS, type HttpMethod } from '../operations/http-binding';

// Random and hostile requests against every operation of our OpenAPI document, through the real
// route handlers. Whatever arrives: never a 5xx; every refusal has the error envelope; and a
// refused request leaves the database as it was (SPEC §5: "a rejected request changes nothing").

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

const RUNS = Number(process.env.FUZZ_RUNS || 60);
const doc = openApiDocument();
const ourDoc = documentValidator(JSON.parse(JSON.stringify(doc)), 'https://switchboard.test/openapi', { strict: true });
const operations = Object.entries(doc.paths).flatMap(([template, item]) =>
  HTTP_METHODS.flatMap((method) => (item[method] ? [{ template, method, op: item[method] }] : [])),
);

/** Row counts and last changes of everything an API call can write; ApiKey.lastUsedAt aside, which any authenticated call may touch. */
async function fingerprint(p: PrismaClient) {
  const [row] = await p.$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT count(*)::int FROM "Conversation") AS conversations, (SELECT count(*)::int FROM "Message") AS messages,
           (SELECT count(*)::int FROM "Tag") AS tags, (SELECT count(*)::int FROM "ConversationTag") AS "conversationTags",
           (SELECT count(*)::int FROM "TimelineEvent") AS timeline, (SELECT count(*)::int FROM "Customer") AS customers,
           (SELECT count(*)::int FROM "IdempotencyRecord") AS idempotency, (SELECT count(*)::int FROM "Queue") AS queues,
           (SELECT count(*)::int FROM "QueueMember") AS "queueMembers", (SELECT count(*)::int FROM "Route") AS routes,
           (SELECT count(*)::int FROM "RouteListVersion") AS "routeVersions", (SELECT count(*)::int FROM "Note") AS notes,
           (SELECT count(*)::int FROM "WorkingHours") AS "workingHours", (SELECT count(*)::int FROM "WorkingHoursHoliday") AS holidays,
           (SELECT count(*)::int FROM "PasswordToken") AS "passwordTokens", (SELECT count(*)::int FROM "User") AS users,
           (SELECT max("updatedAt") FROM "WorkingHours") AS "workingHoursUpdated",
           (SELECT md5(coalesce(string_agg("metadata"::text, ',' ORDER BY id), '')) FROM "Conversation") AS metadata,
           (SELECT max("updatedAt") FROM "Conversation") AS "conversationUpdated", (SELECT max("updatedAt") FROM "Customer") AS "customerUpdated",
           (SELECT max("updatedAt") FROM "Queue") AS "queueUpdated", (SELECT max("updatedAt") FROM "Route") AS "routeUpdated",
           (SELECT max("updatedAt") FROM "User") AS "userUpdated", (SELECT max("lastSeenAt") FROM "User") AS "userSeen"`;
  return row;
}

describeEachEngine('the /ccaas/1 API under random and hostile input', (ctx) => {
  let keys: TestKeys;
  let known: Record<string, string[]>;

  beforeAll(async () => {
    const p = ctx.prisma as PrismaClient;
    state.prisma = p;
    keys = await makeTestKeys(p);
    const inbox = await p.inbox.create({ data: { name: 'Fuzz chat', channel: 'LIVE_CHAT', collaborators: { create: { userId: keys.agentUserId } } } });
    const queue = await p.queue.create({ data: { name: 'Fuzz queue', members: { create: { userId: keys.agentUserId } } } });
    const tag = await p.tag.create({ data: { name: 'vip' } });
    const open = await p.conversation.create({
      data: { topic: 'Open one', inboxId: inbox.id, queueId: queue.id, tags: { create: { tagId: tag.id } }, messages: { create: { direction: 'INBOUND', text: 'Hi', authorType: 'CUSTOMER' } } },
    });
    const closed = await p.conversation.create({ data: { topic: 'Closed one', status: 'CLOSED', closedAt: new Date(), inboxId: inbox.id } });
    const customer = await p.customer.create({ data: { email: 'fuzz@example.com', name: 'Fuzz', conversations: { connect: { id: open.id } } } });
    const day = { startTime: 540, endTime: 1020, enabled: true };
    const week = Object.fromEntries(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((d) => [d, day]));
    const hours = await p.workingHours.create({
      data: { name: 'Fuzz hours', timezone: 'Europe/Berlin', message: 'Closed.', workWeek: week, holidays: { create: { name: 'Day off', startDate: new Date('2026-12-24'), endDate: new Date('2026-12-26') } } },
    });
    known = {
      conversationId: [open.id, closed.id],
      tagName: ['vip', 'other'],
      queueId: [queue.id],
      agentId: [keys.agentUserId],
      customerId: [customer.id],
      id: [hours.id],
    };
  });

  for (const { template, method, op } of operations) {
    it(`${method.toUpperCase()} ${template}: no 5xx, refusals in the envelope and without effect`, async () => {
      const p = ctx.prisma as PrismaClient;
      const ids = Object.values(known).flat();
      const pathNames = op.parameters.filter((x) => x.in === 'path').map((x) => x.name);
      const queryNames = op.parameters.filter((x) => x.in === 'query').map((x) => x.name);
      const request = fc.record({
        authorization: authorization([keys.admin, keys.agentUser, keys.agent]),
        idempotencyKey,
        params: fc.record(Object.fromEntries(pathNames.map((n) => [n, pathParam(known[n] ?? [])]))),
        query: query(queryNames, ids),
        payload: hasBody(method) ? body(doc, op, ids) : fc.constant({}),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const call: ApiCall = {
            method,
            template,
            params: r.params,
            query: r.query,
            headers: { authorization: r.authorization, 'idempotency-key': r.idempotencyKey },
            ...r.payload,
          };
          const before = await fingerprint(p);
          const res = await callApi(call);
          const where = `${res.status} ${JSON.stringify(res.json)?.slice(0, 300)}`;
          expect(res.status, where).toBeLessThan(500);
          if (res.status < 300) {
            expect(ourDoc.response(method, template, res.status, res.json), where).toEqual([]);
            return;
          }
          expect(apiErrorSchema.safeParse(res.json).success, where).toBe(true);
          expect(ourDoc.documents(method, template, res.status), `${where}: status not documented`).toBe(true);
          expect(await fingerprint(p), where).toEqual(before);
        }),
        { numRuns: RUNS },
      );
      // Seconds on an idle machine; the margin is for CI boxes busy with other test files.
    }, 240_000);
  }
});

function hasBody(method: HttpMethod): boolean {
  return method === 'post' || method === 'put' || method === 'patch';
}
