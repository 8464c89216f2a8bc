import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbTarget, describeTarget } from './config';

describe('dbTarget', () => {
  it('selects PostgreSQL for postgres:// and postgresql:// URLs', () => {
    for (const url of ['postgres://u:p@db.internal:5432/sb', 'postgresql://postgres@127.0.0.1/sb']) {
      expect(dbTarget({ DATABASE_URL: url })).toEqual({ engine: 'postgres', url });
    }
  });

  it('ignores surrounding whitespace in DATABASE_URL', () => {
    expect(dbTarget({ DATABASE_URL: '  postgres://h/sb\n' })).toEqual({ engine: 'postgres', url: 'postgres://h/sb' });
  });

  it('selects the embedded database at ./data/pglite when DATABASE_URL is unset or blank', () => {
    const expected = { engine: 'pglite', dir: path.resolve('data/pglite') };
    expect(dbTarget({})).toEqual(expected);
    expect(dbTarget({ DATABASE_URL: '   ' })).toEqual(expected);
  });

  it('honours PGLITE_DIR, resolved to an absolute path', () => {
    expect(dbTarget({ PGLITE_DIR: 'tmp/db' })).toEqual({ engine: 'pglite', dir: path.resolve('tmp/db') });
  });

  it('rejects other URLs with a message naming the scheme but not the credentials', () => {
    const run = () => dbTarget({ DATABASE_URL: 'mysql://root:secret@localhost/sb' });
    expect(run).toThrow(/DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/ \(got "mysql:…"\)/);
    expect(run).toThrow(/Leave it unset for the embedded database/);
    expect(run).not.toThrow(/secret/);
  });
});

describe('describeTarget', () => {
  it('names host, port and database but not the password', () => {
    const text = describeTarget({ engine: 'postgres', url: 'postgresql://u:secret@db.internal/sb' });
    expect(text).toBe('PostgreSQL db.internal:5432/sb');
  });

  it('names the PGlite folder', () => {
    expect(describeTarget({ engine: 'pglite', dir: '/srv/data' })).toBe('embedded PGlite at /srv/data');
  });
});
