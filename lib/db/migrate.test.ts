import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type MigrateResult } from './migrate';
import { listMigrations, type MigrationFile } from './migrations';
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

// migrate() runs each migration in its own transaction with its _prisma_migrations row. A COMMIT in the
// file (Prisma generates BEGIN/COMMIT around enum changes) would end it early, only with a warning,
// and commit the change apart from its record: such statements must be taken out of generated SQL.
it('no migration controls its own transaction', () => {
  for (const m of listMigrations()) {
    const statements = m.sql.replace(/--.*$/gm, '');
    expect(statements, m.name).not.toMatch(/^\s*(BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK)(\s+(WORK|TRANSACTION))?\s*;/im);
  }
});

// The enum removal casts every TimelineEvent row to a new type: check it on a database that has rows,
// including one with the dropped value, which the migration deletes rather than fail the cast.
for (const engine of engines) {
  describe(`drop_message_added on a database with timeline rows [${engine}]`, () => {
    let db: RawDb;
    beforeAll(async () => {
      db = await rawDb(engine);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('keeps the other rows, deletes MESSAGE_ADDED ones and records the migration', async () => {
      const all = listMigrations();
      const at = all.findIndex((m) => m.name.endsWith('_drop_message_added'));
      expect(at).toBeGreaterThan(0);
      await migrate(db.sql, all.slice(0, at));
      await db.sql.exec(`
        INSERT INTO "Conversation" (id, "updatedAt") VALUES ('c1', now());
        INSERT INTO "TimelineEvent" (id, "conversationId", kind, "actorKind") VALUES
          ('e1', 'c1', 'CREATED', 'SYSTEM'), ('e2', 'c1', 'MESSAGE_ADDED', 'SYSTEM'), ('e3', 'c1', 'TAG_ADDED', 'SYSTEM');`);

      expect((await migrate(db.sql, all)).applied).toEqual(all.slice(at).map((m) => m.name));
      const rows = await db.sql.query<{ id: string; kind: string }>('SELECT id, kind::text AS kind FROM "TimelineEvent" ORDER BY id');
      expect(rows).toEqual([{ id: 'e1', kind: 'CREATED' }, { id: 'e3', kind: 'TAG_ADDED' }]);
      const values = await db.sql.query<{ v: string }>(`SELECT unnest(enum_range(NULL::"TimelineKind"))::text AS v`);
      expect(values.map((r) => r.v)).not.toContain('MESSAGE_ADDED');
      // Neither TimelineKind_old nor TimelineKind_new is left behind.
      const types = await db.sql.query<{ typname: string }>(`SELECT typname FROM pg_type WHERE typname LIKE 'TimelineKind%'`);
      expect(types.map((t) => t.typname).sort()).toEqual(['TimelineKind']);
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
