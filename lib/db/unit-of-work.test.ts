import { afterEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../test/db';
import { uid } from '../test/fixtures';
import type { PrismaClient } from '../generated/prisma/client';
import { sqlOf, type Sql } from './sql';
import { afterCommit, beforeCommit, inUnitOfWork, sqlUnitOfWork, unitOfWork, unitState, type UnitClient } from './unit-of-work';

// The promise of lib/db/unit-of-work.ts: after-commit hooks run once, after COMMIT, never after a
// rollback, and a failing hook does not fail work that is already committed. Same for both kinds
// of unit (Prisma's transaction and the raw driver's).
describeEachEngine('unit of work', (ctx) => {
  afterEach(() => vi.restoreAllMocks());

  const tagNamed = (name: string) => ctx.prisma.tag.findUnique({ where: { name } });
  const rawInsertTag = (sql: Sql, name: string) => sql.query(`INSERT INTO "Tag" (id, name, "createdAt", "updatedAt") VALUES ($1, $2, now(), now())`, [uid('t'), name]);

  type Kind = { name: string; run: <T>(db: PrismaClient, fn: (client: UnitClient, write: (name: string) => Promise<unknown>) => Promise<T>) => Promise<T> };
  const kinds: Kind[] = [
    { name: 'unitOfWork', run: (db, fn) => unitOfWork(db, (tx) => fn(tx, (name) => tx.tag.create({ data: { name } }))) },
    { name: 'sqlUnitOfWork', run: (db, fn) => sqlUnitOfWork(db, (sql) => fn(sql, (name) => rawInsertTag(sql, name))) },
  ];

  for (const kind of kinds) {
    it(`${kind.name}: hooks run once, in order, after the commit (a separate read sees the change)`, async () => {
      const name = uid('tag');
      const seen: string[] = [];
      const value = await kind.run(ctx.prisma, async (client, write) => {
        await write(name);
        afterCommit(client, async () => {
          // Read on another connection (PostgreSQL) or after the transaction (PGlite): committed.
          seen.push(`first:${(await tagNamed(name))?.name ?? 'missing'}`);
        });
        afterCommit(client, () => seen.push('second'));
        expect(seen).toEqual([]);
        return 42;
      });
      expect(value).toBe(42);
      expect(seen).toEqual([`first:${name}`, 'second']);
    });

    it(`${kind.name}: a rollback runs no hook and no before-commit step`, async () => {
      const name = uid('tag');
      const hook = vi.fn();
      const step = vi.fn();
      await expect(
        kind.run(ctx.prisma, async (client, write) => {
          await write(name);
          afterCommit(client, hook);
          beforeCommit(client, step);
          throw new Error('nope');
        }),
      ).rejects.toThrow('nope');
      expect(hook).not.toHaveBeenCalled();
      expect(step).not.toHaveBeenCalled();
      expect(await tagNamed(name)).toBeNull();
    });

    it(`${kind.name}: a hook that throws is logged; the unit still succeeds and later hooks run`, async () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const name = uid('tag');
      const later = vi.fn();
      const value = await kind.run(ctx.prisma, async (client, write) => {
        await write(name);
        afterCommit(client, () => {
          throw new Error('bus down');
        });
        afterCommit(client, later);
        return 'done';
      });
      expect(value).toBe('done');
      expect(later).toHaveBeenCalledTimes(1);
      expect(error).toHaveBeenCalledWith(expect.stringMatching(/after-commit hook failed/), expect.objectContaining({ message: 'bus down' }));
      expect(await tagNamed(name)).not.toBeNull();
    });

    it(`${kind.name}: before-commit steps run inside the transaction, may add hooks, and roll back when they throw`, async () => {
      const name = uid('tag');
      const order: string[] = [];
      await kind.run(ctx.prisma, async (client, write) => {
        beforeCommit(client, async () => {
          order.push(`step: inside=${inUnitOfWork(client)}`);
          await write(name); // still the unit's transaction
          afterCommit(client, () => order.push('hook from step'));
        });
        order.push('fn');
      });
      expect(order).toEqual(['fn', 'step: inside=true', 'hook from step']);
      expect(await tagNamed(name)).not.toBeNull();

      const other = uid('tag');
      const hook = vi.fn();
      await expect(
        kind.run(ctx.prisma, async (client, write) => {
          await write(other);
          afterCommit(client, hook);
          beforeCommit(client, () => Promise.reject(new Error('seal failed')));
        }),
      ).rejects.toThrow('seal failed');
      expect(hook).not.toHaveBeenCalled();
      expect(await tagNamed(other)).toBeNull();
    });

    it(`${kind.name}: state is per unit and made once; nothing can be added once the unit has ended`, async () => {
      const key = Symbol('test state');
      let client: UnitClient | undefined;
      const counts = await kind.run(ctx.prisma, async (c) => {
        client = c;
        const init = vi.fn(() => ({ n: 0 }));
        unitState(c, key, init).n++;
        unitState(c, key, init).n++;
        return { n: unitState(c, key, init).n, inits: init.mock.calls.length };
      });
      expect(counts).toEqual({ n: 2, inits: 1 });
      expect(await kind.run(ctx.prisma, async (c) => unitState(c, key, () => ({ n: 7 })).n)).toBe(7);
      expect(inUnitOfWork(client!)).toBe(false);
      expect(() => afterCommit(client!, () => undefined)).toThrow(/already ended/);
      expect(() => unitState(client!, key, () => ({ n: 0 }))).toThrow(/already ended/);
    });
  }

  it('outside a unit of work, registering throws and says where to run the change', async () => {
    expect(() => afterCommit(ctx.prisma, () => undefined)).toThrow(/afterCommit outside a unit of work: run the change in unitOfWork/);
    expect(() => beforeCommit(sqlOf(ctx.prisma), () => undefined)).toThrow(/outside a unit of work/);
    await ctx.prisma.$transaction(async (tx) => {
      expect(inUnitOfWork(tx)).toBe(false);
      expect(() => afterCommit(tx, () => undefined)).toThrow(/outside a unit of work/);
    });
    await sqlOf(ctx.prisma).transaction(async (sql) => {
      expect(() => unitState(sql, Symbol('x'), () => 1, 'emit')).toThrow(/^emit outside a unit of work/);
    });
  });

  it('a hook registered while the unit commits is refused (it would run after the commit it missed)', async () => {
    let late: Promise<void> | undefined;
    await unitOfWork(ctx.prisma, async (tx) => {
      // Left running by mistake: it registers only after the function has returned.
      late = new Promise<void>((resolve, reject) => setTimeout(() => {
        try {
          afterCommit(tx, () => undefined);
          resolve();
        } catch (e) {
          reject(e);
        }
      }, 0));
      late.catch(() => undefined);
    });
    await expect(late).rejects.toThrow(/already (begun to commit|ended)/);
  });
});
