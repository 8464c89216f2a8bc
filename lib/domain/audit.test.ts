import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import type { AuditEntity } from '../generated/prisma/enums';
import { describeEachEngine } from '../test/db';
import { makeInbox, makeQueue, makeUser, uid, type UserActor } from '../test/fixtures';
import type { Actor } from '../access/actor';
import type { Permission } from '../access/roles';
import { invoke, type Operation } from '../operations/operation';
import { OPERATIONS } from '../operations/registry';
import { unitOfWork } from '../db/unit-of-work';
import { audit } from './audit';

// Issue 14, finding 6: every administrative operation writes an audit entry (who, what, before →
// after, when, from where) in the transaction of its change. The table below names each one; a
// test fails when an administrative operation is added without a row here.

const ADMINISTRATIVE: readonly Permission[] = [
  'queues.manage',
  'routes.manage',
  'tags.delete',
  'inboxes.manage',
  'users.manage',
  'agents.manage',
  'workingHours.manage',
  'apiKeys.manage',
];

type Json = Record<string, unknown>;
const reference = JSON.parse(fs.readFileSync(new URL('../http/reference/infobip-conversations.openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: { WorkingHoursApiRequest: { example: Json } } };
};
const hoursBody = (over: Json = {}): Json => ({ ...structuredClone(reference.components.schemas.WorkingHoursApiRequest.example), isDefault: false, name: uid('Hours'), ...over });

type Case = {
  /** What the case sends: made fresh per case, with what it needs in the database. */
  input: (p: PrismaClient) => Promise<Json>;
  entity: AuditEntity;
  action: string;
  /** The entity's id, from the input or the result. */
  entityId: (input: Json, result: unknown) => string;
  /** A field the entry's `after` (or `before`) must hold. */
  after?: Json;
  before?: Json;
};

const byInput = (k: string) => (input: Json) => String(input[k]);
const byResult = (k: string) => (_: Json, result: unknown) => String((result as Json)[k]);

async function workingHours(p: PrismaClient) {
  return p.workingHours.create({ data: { name: uid('Hours'), timezone: 'Europe/Berlin', message: 'Closed', workWeek: hoursBody().workWeek as object } });
}

const CASES: Record<string, Case> = {
  'queues.create': { input: async () => ({ name: uid('Queue') }), entity: 'QUEUE', action: 'create', entityId: byResult('id'), after: { autoAssign: true } },
  'queues.update': {
    input: async (p) => ({ queueId: (await makeQueue(p)).id, isAutoAssignmentEnabled: false, autoAssignmentAlgorithm: 'LOAD_BALANCING' }),
    entity: 'QUEUE',
    action: 'update',
    entityId: byInput('queueId'),
    before: { autoAssign: true, algorithm: 'ROUND_ROBIN' },
    after: { autoAssign: false, algorithm: 'LOAD_BALANCING' },
  },
  'queues.delete': { input: async (p) => ({ queueId: (await makeQueue(p)).id }), entity: 'QUEUE', action: 'delete', entityId: byInput('queueId') },
  'queues.members.add': {
    input: async (p) => ({ queueId: (await makeQueue(p)).id, agentId: (await makeUser(p)).id }),
    entity: 'QUEUE',
    action: 'member.add',
    entityId: byInput('queueId'),
  },
  'queues.members.remove': {
    input: async (p) => {
      const agent = await makeUser(p);
      return { queueId: (await makeQueue(p, [agent.id])).id, agentId: agent.id };
    },
    entity: 'QUEUE',
    action: 'member.remove',
    entityId: byInput('queueId'),
  },
  'routes.save': {
    input: async (p) => ({ baseVersion: null, routes: [{ name: uid('Route'), enabled: true, expression: { $eq: { 'message.channel': 'SMS' } }, queueId: (await makeQueue(p)).id }] }),
    entity: 'ROUTES',
    action: 'save',
    entityId: () => 'routes',
  },
  'routes.delete': { input: async () => ({ baseVersion: null }), entity: 'ROUTES', action: 'delete', entityId: () => 'routes', after: { routes: [] } },
  'routes.restore': {
    input: async (p) => {
      const v = await p.routeListVersion.findFirst({ orderBy: { version: 'asc' }, select: { version: true } });
      return { version: v!.version, baseVersion: null };
    },
    entity: 'ROUTES',
    action: 'restore',
    entityId: () => 'routes',
  },
  'tags.delete': {
    input: async (p) => ({ tagName: (await p.tag.create({ data: { name: uid('tag') } })).name }),
    entity: 'TAG',
    action: 'delete',
    entityId: () => '',
  },
  'inboxes.collaborators.add': {
    input: async (p) => ({ inboxId: (await makeInbox(p)).id, userId: (await makeUser(p)).id }),
    entity: 'INBOX',
    action: 'collaborator.add',
    entityId: byInput('inboxId'),
  },
  'inboxes.collaborators.remove': {
    input: async (p) => {
      const user = await makeUser(p);
      return { inboxId: (await makeInbox(p, { collaborators: [user.id] })).id, userId: user.id };
    },
    entity: 'INBOX',
    action: 'collaborator.remove',
    entityId: byInput('inboxId'),
  },
  'inboxes.toggles.set': {
    input: async (p) => ({ inboxId: (await makeInbox(p)).id, reassignOnOffline: false }),
    entity: 'INBOX',
    action: 'settings.update',
    entityId: byInput('inboxId'),
    before: { reassignOnOffline: true },
    after: { reassignOnOffline: false },
  },
  'users.create': {
    input: async () => ({ name: 'Audit Person', email: `${uid('p')}@t.example`, role: 'AGENT', password: 'correct horse battery' }),
    entity: 'USER',
    action: 'create',
    entityId: byResult('id'),
    after: { role: 'AGENT' },
  },
  'users.role.set': {
    input: async (p) => ({ userId: (await makeUser(p)).id, role: 'SUPERVISOR' }),
    entity: 'USER',
    action: 'role.change',
    entityId: byInput('userId'),
    before: { role: 'AGENT' },
    after: { role: 'SUPERVISOR' },
  },
  'users.enabled.set': {
    input: async (p) => ({ userId: (await makeUser(p)).id, enabled: false }),
    entity: 'USER',
    action: 'disable',
    entityId: byInput('userId'),
    before: { enabled: true },
    after: { enabled: false },
  },
  'users.capacity.set': {
    input: async (p) => ({ userId: (await makeUser(p)).id, capacity: 3 }),
    entity: 'USER',
    action: 'capacity.change',
    entityId: byInput('userId'),
    before: { capacity: null },
    after: { capacity: 3 },
  },
  'users.passwordLink.issue': { input: async (p) => ({ userId: (await makeUser(p)).id }), entity: 'USER', action: 'passwordLink.issue', entityId: byInput('userId') },
  'apiKeys.create': {
    input: async (p) => ({ name: uid('key'), role: 'AGENT', owner: { userId: (await makeUser(p)).id } }),
    entity: 'API_KEY',
    action: 'create',
    entityId: byResult('id'),
    after: { role: 'AGENT' },
  },
  'apiKeys.revoke': {
    input: async (p) => {
      const k = await p.apiKey.create({ data: { name: uid('key'), role: 'AGENT', prefix: uid('p'), hash: uid('h') } });
      return { keyId: k.id };
    },
    entity: 'API_KEY',
    action: 'revoke',
    entityId: byInput('keyId'),
    after: { revoked: true },
  },
  'agents.create': {
    input: async () => ({ displayName: uid('Agent'), email: `${uid('a')}@t.example`, role: 'AGENT', status: 'AWAY', capacity: 2 }),
    entity: 'USER',
    action: 'create',
    entityId: (_, result) => String(((result as Json).agent as Json | undefined)?.id ?? (result as Json).id),
    after: { capacity: 2 },
  },
  'agents.update': {
    input: async (p) => {
      const u = await makeUser(p);
      return { agentId: u.id, displayName: 'Renamed Agent', role: 'AGENT', status: 'AWAY' };
    },
    entity: 'USER',
    action: 'update',
    entityId: byInput('agentId'),
    after: { name: 'Renamed Agent' },
  },
  'workingHours.create': { input: async () => hoursBody(), entity: 'WORKING_HOURS', action: 'create', entityId: byResult('id') },
  'workingHours.update': {
    input: async (p) => ({ ...hoursBody(), id: (await workingHours(p)).id, message: 'We are away' }),
    entity: 'WORKING_HOURS',
    action: 'update',
    entityId: byInput('id'),
    before: { message: 'Closed' },
    after: { message: 'We are away' },
  },
  'workingHours.patch': {
    input: async (p) => ({ id: (await workingHours(p)).id, holidays: [{ name: 'New Year', startDate: '2027-01-01', endDate: '2027-01-01' }] }),
    entity: 'WORKING_HOURS',
    action: 'update',
    entityId: byInput('id'),
    before: { holidays: [] },
  },
  'workingHours.delete': { input: async (p) => ({ id: (await workingHours(p)).id }), entity: 'WORKING_HOURS', action: 'delete', entityId: byInput('id') },
};

const ORIGIN = { ip: '198.51.100.7', userAgent: 'AuditTest/1.0' };

describe('the audit table', () => {
  it('names every administrative operation of the registry', () => {
    const administrative = OPERATIONS.filter((op) => (ADMINISTRATIVE as string[]).includes(op.permission)).map((op) => op.name);
    expect(administrative.sort()).toEqual(Object.keys(CASES).sort());
  });
});

describeEachEngine('audit entries of administrative changes', (ctx) => {
  const p = () => ctx.prisma as PrismaClient;
  let admin: UserActor;

  beforeAll(async () => {
    admin = await makeUser(p(), 'ADMIN');
    // routes.restore needs a version to restore.
    await invoke(OPERATIONS.find((o) => o.name === 'routes.save')!, { db: p(), actor: admin }, { baseVersion: null, routes: [] });
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(`${name} writes a ${c.entity} ${c.action} entry with who, what and from where`, async () => {
      const op = OPERATIONS.find((o) => o.name === name) as Operation;
      // A fresh admin per case: the entries are told apart by who made them.
      const actor: Actor = { ...(await makeUser(p(), 'ADMIN')), origin: ORIGIN };
      const input = await c.input(p());
      const result = await invoke(op, { db: p(), actor }, input);
      const entries = await p().auditLog.findMany({ where: { actorUserId: actor.id } });
      const entry = entries.find((e) => e.entityType === c.entity && e.action === c.action);
      expect(entry, JSON.stringify(entries)).toBeDefined();
      const id = c.entityId(input, result);
      if (id) expect(entry!.entityId).toBe(id);
      expect(entry).toMatchObject({ actorKind: 'USER', actorName: actor.name, actorApiKeyId: null, ip: ORIGIN.ip, userAgent: ORIGIN.userAgent });
      if (c.after) expect(entry!.after).toMatchObject(c.after);
      if (c.before) expect(entry!.before).toMatchObject(c.before);
      // Never a secret: no password, hash, token or key in the log.
      expect(JSON.stringify(entry)).not.toMatch(/correct horse|passwordHash|token/);
      const secret = (result as Json).key ?? (result as Json).token ?? (result as Json).url;
      if (typeof secret === 'string') expect(JSON.stringify(entry)).not.toContain(secret.split('/').pop());
    });
  }

  it("an agent's status set over PUT /agents is logged with before and after, in the change's transaction", async () => {
    const actor: Actor = { ...(await makeUser(p(), 'ADMIN')), origin: ORIGIN };
    const agent = await makeUser(p());
    const op = OPERATIONS.find((o) => o.name === 'agents.update') as Operation;
    const before = await p().user.findUniqueOrThrow({ where: { id: agent.id } });
    await invoke(op, { db: p(), actor }, { agentId: agent.id, displayName: before.name, role: 'AGENT', status: 'ACTIVE' });
    const entry = await p().auditLog.findFirstOrThrow({ where: { actorUserId: actor.id, action: 'status.change' } });
    expect(entry).toMatchObject({ entityType: 'USER', entityId: agent.id, ip: ORIGIN.ip });
    expect(entry.before).toMatchObject({ availability: before.availability });
    expect(entry.after).toMatchObject({ status: 'ACTIVE', availability: 'ONLINE' });
    expect((await p().user.findUniqueOrThrow({ where: { id: agent.id } })).availability).toBe('ONLINE');
    // The same status again changes nothing and logs nothing.
    await invoke(op, { db: p(), actor }, { agentId: agent.id, displayName: before.name, role: 'AGENT', status: 'ACTIVE' });
    expect(await p().auditLog.count({ where: { actorUserId: actor.id, action: 'status.change' } })).toBe(1);
  });

  it('an API key is logged as the key and the user it acts for', async () => {
    const owner = await makeUser(p(), 'ADMIN');
    const key = await p().apiKey.create({ data: { name: uid('key'), role: 'ADMIN', userId: owner.id, prefix: uid('p'), hash: uid('h') } });
    const actor: Actor = { kind: 'apiKey', id: key.id, role: 'ADMIN', name: key.name, userId: owner.id, origin: ORIGIN };
    const queue = await invoke(OPERATIONS.find((o) => o.name === 'queues.create')!, { db: p(), actor }, { name: uid('Queue') });
    const entry = await p().auditLog.findFirstOrThrow({ where: { entityId: (queue as Json).id as string } });
    expect(entry).toMatchObject({ actorKind: 'API_KEY', actorApiKeyId: key.id, actorUserId: owner.id, actorName: key.name, ip: ORIGIN.ip });
  });

  it('a change that changes nothing writes no entry; a refused change writes none either', async () => {
    const user = await makeUser(p());
    const before = await p().auditLog.count();
    await invoke(OPERATIONS.find((o) => o.name === 'users.role.set')!, { db: p(), actor: admin }, { userId: user.id, role: 'AGENT' });
    await invoke(OPERATIONS.find((o) => o.name === 'users.capacity.set')!, { db: p(), actor: admin }, { userId: user.id, capacity: null });
    await expect(invoke(OPERATIONS.find((o) => o.name === 'users.role.set')!, { db: p(), actor: admin }, { userId: 'no-such-user', role: 'AGENT' })).rejects.toThrow();
    const queue = await makeQueue(p());
    await p().route.create({ data: { name: uid('r'), expression: {}, queueId: queue.id, position: 999_999 } });
    await expect(invoke(OPERATIONS.find((o) => o.name === 'queues.delete')!, { db: p(), actor: admin }, { queueId: queue.id })).rejects.toThrow(/Routes point/);
    expect(await p().auditLog.count()).toBe(before);
  });

  it('is written in the transaction of the change: a change that fails at commit leaves no entry', async () => {
    // A deferred check fails the transaction at COMMIT, after both the change and its entry were written.
    await ctx.sql.exec(`
      CREATE OR REPLACE FUNCTION audit_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name LIKE 'refused-%' THEN RAISE EXCEPTION 'refused at commit'; END IF;
        RETURN NEW;
      END $$;
      CREATE CONSTRAINT TRIGGER audit_test_queue AFTER INSERT OR UPDATE ON "Queue" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_test_refuse();
      CREATE CONSTRAINT TRIGGER audit_test_user AFTER UPDATE ON "User" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_test_refuse();`);
    try {
      const before = await p().auditLog.count();
      const name = `refused-${uid('q')}`;
      const refusedUser = await p().user.create({ data: { name: `refused-${uid('u')}`, email: `${uid('r')}@t.example`, passwordHash: 'x' } });
      const calls = [
        () => invoke(OPERATIONS.find((o) => o.name === 'queues.create')!, { db: p(), actor: admin }, { name }),
        () => invoke(OPERATIONS.find((o) => o.name === 'users.role.set')!, { db: p(), actor: admin }, { userId: refusedUser.id, role: 'SUPERVISOR' }),
      ];
      for (const run of calls) {
        const call = run();
        // Prisma's PGlite adapter does not report a failed COMMIT (it resolves; PostgreSQL rejects):
        // what was committed is the point here, and on both engines that is nothing.
        if (ctx.engine === 'postgres') await expect(call).rejects.toThrow(/refused at commit/);
        else await call.catch(() => undefined);
      }
      expect(await p().queue.count({ where: { name } })).toBe(0);
      expect((await p().user.findUniqueOrThrow({ where: { id: refusedUser.id } })).role).toBe('AGENT');
      expect(await p().auditLog.count()).toBe(before);
    } finally {
      await ctx.sql.exec(`DROP TRIGGER audit_test_queue ON "Queue"; DROP TRIGGER audit_test_user ON "User"; DROP FUNCTION audit_test_refuse();`);
    }
  });

  it('a change whose entry cannot be written is not made', async () => {
    await ctx.sql.exec(`
      CREATE OR REPLACE FUNCTION audit_test_refuse_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."entityName" LIKE 'refused-%' THEN RAISE EXCEPTION 'no entry, no change'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_test_entry BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION audit_test_refuse_entry();`);
    try {
      const queue = await makeQueue(p());
      const name = `refused-${uid('q')}`;
      await expect(invoke(OPERATIONS.find((o) => o.name === 'queues.update')!, { db: p(), actor: admin }, { queueId: queue.id, name })).rejects.toThrow(/no entry, no change/);
      expect((await p().queue.findUniqueOrThrow({ where: { id: queue.id } })).name).toBe(queue.name);
    } finally {
      await ctx.sql.exec(`DROP TRIGGER audit_test_entry ON "AuditLog"; DROP FUNCTION audit_test_refuse_entry();`);
    }
  });

  it('refuses to write an entry outside a unit of work', async () => {
    await expect(audit(p(), admin, { entity: 'QUEUE', entityId: 'x', action: 'create', after: {} })).rejects.toThrow(/outside a unit of work/);
    await unitOfWork(p(), (tx) => audit(tx, admin, { entity: 'QUEUE', entityId: 'inside', action: 'create', after: { ok: true } }));
    expect(await p().auditLog.count({ where: { entityId: 'inside' } })).toBe(1);
  });
});
