import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDriver, sqlLiteral, type SqlDriver } from './sql';

// PGlite runs prepared hot-path statements as EXECUTE with literals (its API has no named
// statements), so what a client sends must come back exactly, whatever it holds.
describe('prepared statements on PGlite', () => {
  let db: PGlite;
  let sql: SqlDriver;
  beforeAll(async () => {
    db = new PGlite('memory://');
    sql = pgliteDriver(db);
  });
  afterAll(async () => db.close());

  const tricky = ["it's", "''; DROP TABLE x; --", 'back\\slash \\\' quote', '$1 $$ dollar', 'ünïcödé ✓ 😀', '"double"', 'new\nline', ''];

  it('round-trips strings, arrays, JSON, numbers, booleans and NULL exactly', async () => {
    for (const s of tricky) {
      const [row] = await sql.query<{ t: string; a: string[]; j: { s: string }; n: number; b: boolean; z: string | null }>(
        'SELECT $1::text AS t, $2::text[] AS a, $3::jsonb AS j, $4::int AS n, $5::boolean AS b, $6::text AS z',
        [s, [s, 'x', s], JSON.stringify({ s }), -42, false, null],
        { prepare: true },
      );
      expect(row).toEqual({ t: s, a: [s, 'x', s], j: { s }, n: -42, b: false, z: null });
    }
  });

  it('gives the same answers prepared and not, inside a transaction and after a rollback', async () => {
    const q = 'SELECT $1::text || $2::text AS v';
    expect(await sql.query(q, ['a', 'b'])).toEqual(await sql.query(q, ['a', 'b'], { prepare: true }));
    await expect(sql.transaction(async (tx) => {
      await tx.query(q, ['c', 'd'], { prepare: true });
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await sql.transaction((tx) => tx.query(q, ['e', 'f'], { prepare: true }))).toEqual([{ v: 'ef' }]);
  });

  it('many callers at once, the first time a statement is used, inside and outside transactions: every one answers', async () => {
    // Each caller used to PREPARE on seeing the name unprepared: the second PREPARE failed ("already exists").
    const q = 'SELECT $1::int + 1 AS v /* concurrent first use */';
    const outside = Array.from({ length: 10 }, (_, i) => sql.query<{ v: number }>(q, [i], { prepare: true }));
    const inside = Array.from({ length: 5 }, (_, i) => sql.transaction((tx) => tx.query<{ v: number }>(q, [100 + i], { prepare: true })));
    const rows = await Promise.all([...outside, ...inside]);
    expect(rows.map(([r]) => r.v)).toEqual([...Array.from({ length: 10 }, (_, i) => i + 1), ...Array.from({ length: 5 }, (_, i) => 101 + i)]);
    // And a transaction that raced to prepare is still whole: its later statements run and commit.
    const q2 = 'SELECT $1::int * 2 AS v /* concurrent first use in transactions */';
    const both = await Promise.all(
      Array.from({ length: 4 }, (_, i) => sql.transaction(async (tx) => [(await tx.query<{ v: number }>(q2, [i], { prepare: true }))[0].v, (await tx.query<{ v: number }>('SELECT 7 AS v'))[0].v])),
    );
    expect(both).toEqual([[0, 7], [2, 7], [4, 7], [6, 7]]);
  });

  it('refuses a NUL character and non-finite numbers instead of sending them', () => {
    expect(() => sqlLiteral('a\u0000b')).toThrow(/NUL/);
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(sqlLiteral([])).toBe("'{}'");
  });
});
