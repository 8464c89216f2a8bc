import { beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import { describeEachEngine } from '../test/db';
import { makeUser, uid, type UserActor } from '../test/fixtures';
import type { Actor } from '../access/actor';
import { unitOfWork } from '../db/unit-of-work';
import { auditQuerySchema } from '../validation/audit';
import { audit } from './audit';
import { listAuditLog } from './audit-log';
import { parseOrThrow } from './errors';

// The audit log's read side (the /audit page): newest first, filters, keyset pages.

type Json = Record<string, unknown>;
const ORIGIN = { ip: '198.51.100.7', userAgent: 'AuditTest/1.0' };

describeEachEngine('reading the audit log', (ctx) => {
  const p = () => ctx.prisma as PrismaClient;
  let admin: UserActor;

  beforeAll(async () => {
    admin = await makeUser(p(), 'ADMIN');
  });

  it('lists newest first, filtered by entity, actor, date and text, in keyset pages', async () => {
    const who: Actor = { ...(await makeUser(p(), 'ADMIN')), origin: ORIGIN };
    const marker = uid('marker');
    for (let i = 0; i < 5; i++) {
      await unitOfWork(p(), (tx) => audit(tx, who, { entity: i % 2 ? 'USER' : 'QUEUE', entityId: `${marker}-${i}`, entityName: `${marker} ${i}`, action: 'update', before: { n: i }, after: { n: i + 1 } }));
    }
    const list = (q: Json) => listAuditLog(p(), admin, parseOrThrow(auditQuerySchema, q));
    const mine = await list({ actor: `user:${who.id}` });
    expect(mine.rows.map((r) => r.entityId)).toEqual([4, 3, 2, 1, 0].map((i) => `${marker}-${i}`));
    expect(mine).toMatchObject({ older: null, newer: null });
    expect((await list({ actor: `user:${who.id}`, entity: 'USER' })).rows.map((r) => r.entityId)).toEqual([`${marker}-3`, `${marker}-1`]);
    // Text finds names, ids, actions and values (here a value of `after`), case-insensitively.
    expect((await list({ q: marker.toUpperCase() })).rows).toHaveLength(5);
    expect((await list({ q: marker, entity: 'QUEUE' })).rows).toHaveLength(3);
    expect((await list({ q: '%' })).rows.every((r) => JSON.stringify(r).includes('%'))).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list({ actor: `user:${who.id}`, from: today, to: today })).rows).toHaveLength(5);
    expect((await list({ actor: `user:${who.id}`, to: '2020-01-01' })).rows).toHaveLength(0);

    // Pages of two: older, older, then newer back to the first page.
    const first = await list({ actor: `user:${who.id}`, limit: '2' });
    expect(first.rows.map((r) => r.entityId)).toEqual([`${marker}-4`, `${marker}-3`]);
    expect(first.newer).toBeNull();
    const second = await list({ actor: `user:${who.id}`, limit: '2', older: first.older });
    expect(second.rows.map((r) => r.entityId)).toEqual([`${marker}-2`, `${marker}-1`]);
    const third = await list({ actor: `user:${who.id}`, limit: '2', older: second.older });
    expect(third.rows.map((r) => r.entityId)).toEqual([`${marker}-0`]);
    expect(third.older).toBeNull();
    const back = await list({ actor: `user:${who.id}`, limit: '2', newer: third.newer });
    expect(back.rows.map((r) => r.entityId)).toEqual([`${marker}-2`, `${marker}-1`]);
    expect(back.older).not.toBeNull();
    expect(back.newer).not.toBeNull();

    // Bad filters are refused by field.
    for (const bad of [{ entity: 'QUEUES' }, { from: '2026-13-45' }, { actor: 'someone' }, { older: 'nope' }]) {
      expect(() => parseOrThrow(auditQuerySchema, bad)).toThrow();
    }
    // Below admin: refused.
    const sup = await makeUser(p(), 'SUPERVISOR');
    await expect(listAuditLog(p(), sup, parseOrThrow(auditQuerySchema, {}))).rejects.toThrow(/permission/);
  });
});
