import fs from 'node:fs';
import { beforeAll, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { callApi, makeTestKeys, type ApiCall, type ApiResult, type TestKeys } from '../test/api';
import { documentValidator } from '../test/openapi-ajv';
import { createApiKey } from '../auth/api-keys';
import { systemActor } from '../access/actor';
import { apiErrorSchema, apiQueueSchema, apiStatusSchema } from '../validation/api-responses';
import { apiWorkingHoursPageSchema, apiWorkingHoursSchema } from '../validation/api-responses-working-hours';
import { openApiDocument } from './openapi';

// The working-hours resource over HTTP (issue 12), and the queue fields that point at it: every
// answer is checked against our own document and zod schema, and the database is read back.

const state = vi.hoisted(() => ({ prisma: undefined as unknown }));
vi.mock('@/lib/db', () => ({ db: () => state.prisma }));

type Json = Record<string, unknown>;
type RefOp = { requestBody?: { content: { 'application/json': { schema: { $ref: string } } } } };
const reference = JSON.parse(fs.readFileSync(new URL('./reference/infobip-conversations.openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, RefOp>>;
  components: { schemas: Record<string, { example?: unknown }> };
};
const ourDoc = documentValidator(JSON.parse(JSON.stringify(openApiDocument())), 'https://switchboard.test/openapi', { strict: true });

/** The reference's WorkingHoursApiRequest example, as the reference writes it. */
const EXAMPLE = () => structuredClone(reference.components.schemas.WorkingHoursApiRequest.example) as Json & { workWeek: Record<string, Json>; holidays: Json[] };

const WH = '/ccaas/1/working-hours';
const ONE = `${WH}/{id}`;

describeEachEngine('working hours over HTTP', (ctx) => {
  let keys: TestKeys;
  let p: PrismaClient;
  const admin = () => ({ authorization: keys.admin });

  async function call(c: ApiCall, status: number, own?: z.ZodType): Promise<ApiResult> {
    const res = await callApi(c);
    const where = `${c.method.toUpperCase()} ${c.template} → ${res.status} ${JSON.stringify(res.json)?.slice(0, 600)}`;
    expect(res.status, where).toBe(status);
    expect(ourDoc.response(c.method, c.template, status, res.json), `${where} (our document)`).toEqual([]);
    if (own) expect(own.safeParse(res.json).error?.issues ?? [], where).toEqual([]);
    if (status >= 400) expect(apiErrorSchema.safeParse(res.json).success, where).toBe(true);
    return res;
  }
  const create = async (body: unknown, status = 200) => (await call({ method: 'post', template: WH, headers: admin(), body }, status, status === 200 ? apiWorkingHoursSchema : undefined)).json as Json;
  const named = (name: string, over: Json = {}): Json => ({ ...EXAMPLE(), isDefault: false, name, ...over });
  const fields = (res: Json) => ((res.requestError as Json).serviceException as { validationErrors?: Record<string, string[]> }).validationErrors ?? {};

  beforeAll(async () => {
    p = ctx.prisma as PrismaClient;
    state.prisma = p;
    keys = await makeTestKeys(p);
  });

  it('creates from the reference’s example verbatim, reads it back, and stores what it says', async () => {
    expect(ourDoc.component('WorkingHoursApiRequest', EXAMPLE())).toEqual([]);
    const created = await create(EXAMPLE());
    expect(created).toMatchObject({ name: 'My Working Hours', timezone: 'Etc/UTC', isDefault: true, enabled: true, closeConversations: false, sendAwayMessageEveryOOWHPeriod: false });
    const id = created.id as string;
    const read = (await call({ method: 'get', template: ONE, params: { id }, headers: admin() }, 200, apiWorkingHoursSchema)).json as Json;
    expect(read).toEqual(created);
    expect(Object.keys(read.workWeek as Json)).toEqual(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']);
    expect(read.holidays).toEqual([
      { id: expect.any(String), workingHoursId: id, name: "New Year's Day", startDate: '2021-01-01', endDate: '2021-01-01', enabled: true },
      { id: expect.any(String), workingHoursId: id, name: 'My Holiday', startDate: '2021-06-09', endDate: '2021-06-09', enabled: false },
    ]);
    const row = await p.workingHours.findUniqueOrThrow({ where: { id }, include: { holidays: true } });
    expect(row).toMatchObject({ timezone: 'Etc/UTC', isDefault: true, workWeek: { SUNDAY: { startTime: 0, endTime: 1440, enabled: true } } });
    expect(row.holidays).toHaveLength(2);
    await call({ method: 'delete', template: ONE, params: { id }, headers: admin() }, 200, apiStatusSchema);
  });

  it('refuses what is not working hours with a field message, and writes nothing', async () => {
    const before = await p.workingHours.count();
    const week = (day: string, value: unknown) => named('Faulty', { workWeek: { ...EXAMPLE().workWeek, [day]: value } });
    const { workWeek: _w, ...noWeek } = named('Faulty');
    const { TUESDAY: _t, ...sixDays } = EXAMPLE().workWeek;
    const cases: [unknown, string, RegExp][] = [
      [named('Faulty', { timezone: 'Mars/Olympus' }), 'timezone', /IANA/],
      [named('Faulty', { timezone: '+01:00' }), 'timezone', /IANA/],
      [week('MONDAY', { startTime: 0, endTime: 1441, enabled: true }), 'workWeek.MONDAY.endTime', /1440/],
      [week('MONDAY', { startTime: 90.5, endTime: 600, enabled: true }), 'workWeek.MONDAY.startTime', /whole/],
      [week('FRIDAY', { startTime: 600, endTime: 600, enabled: true }), 'workWeek.FRIDAY.endTime', /after the start/],
      [week('FRIDAY', { startTime: 700, endTime: 600, enabled: true }), 'workWeek.FRIDAY.endTime', /after the start/],
      [week('SUNDAY', { startTime: 0, enabled: false }), 'workWeek.SUNDAY.endTime', /minutes/],
      [named('Faulty', { workWeek: sixDays }), 'workWeek.TUESDAY', /startTime, endTime and enabled/],
      [noWeek, 'workWeek', /seven days/],
      [named('Faulty', { holidays: [{ name: 'Nope', startDate: '2021-02-30', endDate: '2021-03-01' }] }), 'holidays.0.startDate', /real date/],
      [named('Faulty', { holidays: [{ name: 'Nope', startDate: '2021-03-02', endDate: '2021-03-01' }] }), 'holidays.0.endDate', /on or after/],
      [named('Faulty', { holidays: [{ name: 'Nope', startDate: '01.03.2021', endDate: '2021-03-01' }] }), 'holidays.0.startDate', /2021-12-31/],
      [named('Faulty', { message: 'x'.repeat(4001) }), 'message', /4000/],
      [named(''), 'name', /name/],
      [named('x'.repeat(256)), 'name', /255/],
      [named('Faulty', { surprise: true }), '(body)', /surprise/i],
    ];
    for (const [body, field, message] of cases) {
      const res = (await create(body, 400)) as Json;
      const got = fields(res);
      expect(got[field]?.join(' '), `${field}: ${JSON.stringify(got)}`).toMatch(message);
    }
    expect(await p.workingHours.count()).toBe(before);
    // A disabled day may have any times in range (they are kept for when it is switched on).
    await create(week('SATURDAY', { startTime: 600, endTime: 0, enabled: false }));
  });

  it('refuses a second use of a name with a field message', async () => {
    await create(named('Berlin office', { timezone: 'Europe/Berlin' }));
    const res = await create(named('Berlin office'), 400);
    expect(fields(res)).toEqual({ name: ['Already in use.'] });
    expect(await p.workingHours.count({ where: { name: 'Berlin office' } })).toBe(1);
  });

  it('keeps one default: setting it takes the mark off the previous one', async () => {
    const a = await create(named('Default A', { isDefault: true }));
    const b = await create(named('Default B', { isDefault: true }));
    expect((await p.workingHours.findMany({ where: { isDefault: true } })).map((w) => w.id)).toEqual([b.id]);
    await call({ method: 'patch', template: ONE, params: { id: a.id as string }, headers: admin(), body: { isDefault: true } }, 200, apiWorkingHoursSchema);
    expect((await p.workingHours.findMany({ where: { isDefault: true } })).map((w) => w.id)).toEqual([a.id]);
    const page = (await call({ method: 'get', template: WH, headers: admin(), query: { isDefault: 'true' } }, 200, apiWorkingHoursPageSchema)).json as Json;
    expect((page.workingHours as Json[]).map((w) => w.id)).toEqual([a.id]);
  });

  it('PUT replaces the whole resource (read-only fields sent back are ignored); PATCH changes only what it names', async () => {
    const created = await create(named('Replace me', { closeConversations: true, timezone: 'America/New_York' }));
    const id = created.id as string;
    const holidayId = (created.holidays as Json[])[0].id;
    // Sent back as read, with a changed name and one holiday fewer: the kept holiday keeps its id.
    const back = { ...created, name: 'Replaced', holidays: [(created.holidays as Json[])[0]] };
    const put = (await call({ method: 'put', template: ONE, params: { id }, headers: admin(), body: back }, 200, apiWorkingHoursSchema)).json as Json;
    expect(put).toMatchObject({ name: 'Replaced', closeConversations: true, holidays: [{ id: holidayId, name: "New Year's Day" }] });
    // Optional fields left out of a PUT go back to their defaults, holidays to none.
    const { closeConversations: _c, holidays: _h, enabled: _e, ...bare } = named('Replaced');
    const reset = (await call({ method: 'put', template: ONE, params: { id }, headers: admin(), body: bare }, 200)).json as Json;
    expect(reset).toMatchObject({ closeConversations: false, enabled: true, holidays: [] });

    const patched = (await call({
      method: 'patch', template: ONE, params: { id }, headers: admin(),
      body: { message: 'Back at nine.', enabled: null, workWeek: { SATURDAY: { startTime: 540, endTime: 780, enabled: true } }, holidays: [{ name: 'Summer', startDate: '2026-08-01', endDate: '2026-08-14' }] },
    }, 200, apiWorkingHoursSchema)).json as Json;
    expect(patched).toMatchObject({
      name: 'Replaced', message: 'Back at nine.', enabled: true, timezone: 'Etc/UTC',
      workWeek: { FRIDAY: { startTime: 0, endTime: 1440, enabled: true }, SATURDAY: { startTime: 540, endTime: 780, enabled: true } },
      holidays: [{ name: 'Summer', startDate: '2026-08-01', endDate: '2026-08-14', enabled: true }],
    });
    const bad = await call({ method: 'patch', template: ONE, params: { id }, headers: admin(), body: { workWeek: { SUNDAY: { startTime: 600 } } } }, 400);
    expect(Object.keys(fields(bad.json as Json))).toEqual(['workWeek.SUNDAY.endTime', 'workWeek.SUNDAY.enabled']);
    // An id in the body that is not the path's is refused.
    await call({ method: 'put', template: ONE, params: { id }, headers: admin(), body: { ...back, id: 'another' } }, 400);
    for (const method of ['get', 'put', 'patch', 'delete'] as const) {
      await call({ method, template: ONE, params: { id: 'no-such-hours' }, headers: admin(), ...(method === 'put' || method === 'patch' ? { body: named('Ghost') } : {}) }, 404);
    }
  });

  it('lists with the reference’s filters, paged, ordered by id unless asked', async () => {
    const tag = `List${Date.now()}`;
    const made = [];
    for (const [i, enabled] of [true, false, true].entries()) made.push(await create(named(`${tag} ${i}`, { enabled })));
    const list = async (query: Record<string, string>) => (await call({ method: 'get', template: WH, headers: admin(), query }, 200, apiWorkingHoursPageSchema)).json as { workingHours: Json[]; pagination: Json };
    expect((await list({ name: tag.toLowerCase() })).workingHours.map((w) => w.id)).toEqual(made.map((m) => m.id).sort());
    expect((await list({ name: tag, enabled: 'false' })).workingHours.map((w) => w.name)).toEqual([`${tag} 1`]);
    const page = await list({ name: tag, orderBy: 'name:desc', limit: '2', page: '0' });
    expect(page.workingHours.map((w) => w.name)).toEqual([`${tag} 2`, `${tag} 1`]);
    expect(page.pagination).toEqual({ totalItems: 3, page: 0, limit: 2, orderBy: 'name:desc' });
    const since = new Date(Date.parse((made[0].createdAt as string).replace('+0000', 'Z'))).toISOString();
    expect((await list({ name: tag, createdAfter: since })).workingHours).toHaveLength(3);
    expect((await list({ name: tag, createdBefore: since })).workingHours).toHaveLength(0);
    await call({ method: 'get', template: WH, headers: admin(), query: { orderBy: 'timezone:asc' } }, 400);
    await call({ method: 'get', template: WH, headers: admin(), query: { enabled: 'maybe' } }, 400);
  });

  it('lets supervisors read and only admins write; agents neither', async () => {
    const sup = `App ${(await createApiKey(p, systemActor('test'), { name: `sup ${Date.now()}`, role: 'SUPERVISOR' })).key}`;
    const id = (await create(named(`Readable ${Date.now()}`))).id as string;
    await call({ method: 'get', template: WH, headers: { authorization: sup } }, 200, apiWorkingHoursPageSchema);
    await call({ method: 'get', template: ONE, params: { id }, headers: { authorization: sup } }, 200, apiWorkingHoursSchema);
    await call({ method: 'post', template: WH, headers: { authorization: sup }, body: named('Supervisor hours') }, 403);
    await call({ method: 'patch', template: ONE, params: { id }, headers: { authorization: sup }, body: { enabled: false } }, 403);
    await call({ method: 'delete', template: ONE, params: { id }, headers: { authorization: sup } }, 403);
    await call({ method: 'get', template: WH, headers: { authorization: keys.agent } }, 403);
    expect(await p.workingHours.findUniqueOrThrow({ where: { id } })).toMatchObject({ enabled: true });
  });

  it('queues take the reference’s body with nulls, point at working hours, and block their deletion', async () => {
    const hours = await create(named('Queue hours'));
    const hoursId = hours.id as string;
    const q = (await call({ method: 'post', template: '/ccaas/1/queues', headers: admin(), body: { name: 'Hours queue', workingHoursId: hoursId, externalId: 'ext-1' } }, 200, apiQueueSchema)).json as Json;
    expect(q).toMatchObject({ workingHoursId: hoursId, externalId: 'ext-1', enabledAgentsCount: 0, enabledRoutesCount: 0 });
    const queueId = q.id as string;

    const refused = await call({ method: 'delete', template: ONE, params: { id: hoursId }, headers: admin() }, 400);
    expect(JSON.stringify(refused.json)).toContain('Hours queue');
    expect(await p.workingHours.count({ where: { id: hoursId } })).toBe(1);

    // The reference's UpdateQueueApiRequest example, nulls and not-yet-applied assignment fields included.
    const example = structuredClone(reference.components.schemas.UpdateQueueApiRequest.example) as Json;
    expect(example).toMatchObject({ workingHoursId: null, externalId: null });
    const put = (await call({ method: 'put', template: '/ccaas/1/queues/{queueId}', params: { queueId }, headers: admin(), body: example }, 200, apiQueueSchema)).json as Json;
    expect(put).toMatchObject({ name: 'Spanish Support' });
    expect(put).not.toHaveProperty('workingHoursId');
    expect(put).not.toHaveProperty('externalId');
    expect(await p.queue.findUniqueOrThrow({ where: { id: queueId } })).toMatchObject({ workingHoursId: null, externalId: null });
    // The minimal one of the issue.
    await call({ method: 'put', template: '/ccaas/1/queues/{queueId}', params: { queueId }, headers: admin(), body: { name: 'x', workingHoursId: null, externalId: null } }, 200);

    await call({ method: 'put', template: '/ccaas/1/queues/{queueId}', params: { queueId }, headers: admin(), body: { workingHoursId: hoursId } }, 200);
    const filtered = (await call({ method: 'get', template: '/ccaas/1/queues', headers: admin(), query: { workingHoursId: hoursId } }, 200)).json as { queues: Json[] };
    expect(filtered.queues.map((x) => [x.id, x.workingHoursId])).toEqual([[queueId, hoursId]]);
    const bad = await call({ method: 'put', template: '/ccaas/1/queues/{queueId}', params: { queueId }, headers: admin(), body: { workingHoursId: 'no-such-hours' } }, 400);
    expect(fields(bad.json as Json)).toEqual({ workingHoursId: ['No working hours have this id.'] });
    const badEnum = await call({ method: 'put', template: '/ccaas/1/queues/{queueId}', params: { queueId }, headers: admin(), body: { autoAssignmentAlgorithm: 'FASTEST', stickyAgentTimeoutDays: 'seven' } }, 400);
    expect(Object.keys(fields(badEnum.json as Json)).sort()).toEqual(['autoAssignmentAlgorithm', 'stickyAgentTimeoutDays']);
    await call({ method: 'post', template: '/ccaas/1/queues', headers: admin(), body: { name: 'Ghost hours queue', workingHoursId: 'no-such-hours' } }, 400);
    await call({ method: 'post', template: '/ccaas/1/queues', headers: admin(), body: { name: 'Long external', externalId: 'x'.repeat(256) } }, 400);

    await call({ method: 'put', template: '/ccaas/1/queues/{queueId}', params: { queueId }, headers: admin(), body: { workingHoursId: null } }, 200);
    await call({ method: 'delete', template: ONE, params: { id: hoursId }, headers: admin() }, 200, apiStatusSchema);
    expect(await p.workingHours.count({ where: { id: hoursId } })).toBe(0);
    expect(await p.workingHoursHoliday.count({ where: { workingHoursId: hoursId } })).toBe(0);
  });
});
