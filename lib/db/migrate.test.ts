import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type MigrateResult } from './migrate';
import type { MigrationFile } from './migrations';
import { describeEachEngine, engines, rawDb, type RawDb } from '../test/db';

// Read the folders independently of listMigrations, so a bug there cannot hide behind itself.
const MIGRATIONS = path.resolve('prisma/migrations');
const onDisk = fs
  .readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => {
    const sql = fs.readFileSync(path.join(MIGRATIONS, d.name, 'migration.sql'));
    return { name: d.name, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

const models = [...fs.readFileSync(path.resolve('prisma/schema.prisma'), 'utf8').matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]);

function fake(name: string, sql: string): MigrationFile {
  return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
}

async function tableNames(db: RawDb): Promise<string[]> {
  const rows = await db.sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  return rows.map((r) => r.table_name);
}

type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

for (const engine of engines) {
  describe(`migrate with the real migrations [${engine}]`, () => {
    // Starting PGlite costs seconds, so these share one database migrated once.
    let db: RawDb;
    let first: MigrateResult;
    beforeAll(async () => {
      db = await rawDb(engine);
      first = await migrate(db.sql);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('applies every migration once, and nothing the second time', async () => {
      expect(onDisk.length).toBeGreaterThan(0);
      expect(first.applied).toEqual(onDisk.map((m) => m.name));
      expect(first.alreadyApplied).toBe(0);
      const second = await migrate(db.sql);
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toBe(onDisk.length);
      expect(second.warnings).toEqual([]);
    });

    it("records one finished row per migration folder with the file's sha256", async () => {
      const rows = await db.sql.query<Row>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(rows.map((r) => ({ name: r.migration_name, checksum: r.checksum }))).toEqual(onDisk);
      for (const r of rows) {
        expect(r.finished_at).not.toBeNull();
        expect(r.rolled_back_at).toBeNull();
      }
    });

    it('creates a table for every model in schema.prisma', async () => {
      expect(models.length).toBeGreaterThan(10);
      expect(await tableNames(db)).toEqual(expect.arrayContaining(models));
    });
  });

  describe(`migrate with made-up migrations [${engine}]`, () => {
    let db: RawDb;
    beforeEach(async () => {
      db = await rawDb(engine);
    });
    afterEach(async () => {
      await db?.close();
    });

    it('rolls back a failing migration entirely and names it', async () => {
      const good = fake('20000101000000_good', 'CREATE TABLE "good_t" (id int);');
      const bad = fake('20000102000000_bad', 'CREATE TABLE "bad_t" (id int);\nSELEC broken;');
      await expect(migrate(db.sql, [good, bad])).rejects.toThrow(/Migration 20000102000000_bad failed/);

      const tables = await tableNames(db);
      expect(tables).toContain('good_t');
      expect(tables).not.toContain('bad_t');
      const rows = await db.sql.query<Row>('SELECT migration_name FROM "_prisma_migrations"');
      expect(rows.map((r) => r.migration_name)).toEqual([good.name]);

      // Nothing half-done was recorded, so once fixed the migration applies normally.
      const fixed = fake(bad.name, 'CREATE TABLE "bad_t" (id int);');
      expect((await migrate(db.sql, [good, fixed])).applied).toEqual([fixed.name]);
    });

    it('warns when an applied migration was edited afterwards', async () => {
      const m = fake('20000101000000_one', 'CREATE TABLE "one_t" (id int);');
      await migrate(db.sql, [m]);
      const edited = { ...m, checksum: fake(m.name, m.sql + '\n-- edited').checksum };
      expect((await migrate(db.sql, [edited])).warnings).toEqual([`Migration ${m.name} was changed after it was applied.`]);
    });
  });
}

describeEachEngine('single default queue and inbox', (ctx) => {
  it('allows many non-default queues but only one default', async () => {
    await ctx.prisma.queue.createMany({ data: [{ name: 'q-a' }, { name: 'q-b' }, { name: 'q-c' }] });
    await ctx.prisma.queue.create({ data: { name: 'q-default', isDefault: true } });
    await expect(ctx.prisma.queue.create({ data: { name: 'q-default-2', isDefault: true } })).rejects.toMatchObject({ code: 'P2002' });
    expect(await ctx.prisma.queue.count({ where: { isDefault: true } })).toBe(1);
    expect(await ctx.prisma.queue.count({ where: { isDefault: false } })).toBe(3);
  });

  it('allows only one default inbox', async () => {
    await ctx.prisma.inbox.createMany({ data: [{ name: 'i-a' }, { name: 'i-b' }] });
    await ctx.prisma.inbox.create({ data: { name: 'i-default', isDefault: true } });
    await expect(ctx.prisma.inbox.create({ data: { name: 'i-default-2', isDefault: true } })).rejects.toMatchObject({ code: 'P2002' });
  });
});
