import { describe, expect, it } from 'vitest';
import { DatabaseUrlError, parseDatabaseUrl } from '../src/database-url.js';

describe('parseDatabaseUrl', () => {
  it('defaults to a SQLite file under ./data', () => {
    expect(parseDatabaseUrl(undefined, '/srv/app')).toEqual({
      engine: 'sqlite',
      path: '/srv/app/data/newsfeed.db',
      url: 'file:./data/newsfeed.db',
    });
  });

  it('reads absolute and relative file: URLs', () => {
    expect(parseDatabaseUrl('file:/var/lib/nf.db', '/x')).toMatchObject({
      engine: 'sqlite',
      path: '/var/lib/nf.db',
    });
    expect(parseDatabaseUrl('file:nf.db', '/x')).toMatchObject({ engine: 'sqlite', path: '/x/nf.db' });
    expect(parseDatabaseUrl('sqlite://rel/nf.sqlite', '/x')).toMatchObject({ path: '/x/rel/nf.sqlite' });
    expect(parseDatabaseUrl('file::memory:')).toMatchObject({ engine: 'sqlite', path: ':memory:' });
  });

  it('reads PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('postgres://127.0.0.1:5432/test')).toMatchObject({ engine: 'postgres' });
    expect(parseDatabaseUrl('postgresql://u@h/db')).toMatchObject({ engine: 'postgres' });
  });

  it('rejects anything else without leaking credentials', () => {
    expect(() => parseDatabaseUrl('mysql://root:secret@h/db')).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl('mysql://root:secret@h/db')).not.toThrow(/secret/);
    expect(() => parseDatabaseUrl('file:')).toThrow(DatabaseUrlError);
  });
});
