import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DatabaseUrlError,
  describeDatabase,
  parseDatabaseUrl,
  projectRoot,
} from '../src/sql/database-url.js';

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

  it('reads relative paths against the checkout, from whichever of its folders the process starts', () => {
    const checkout = mkdtempSync(join(tmpdir(), 'newsfeed-checkout-'));
    try {
      writeFileSync(join(checkout, 'pnpm-workspace.yaml'), 'packages: []\n');
      const app = join(checkout, 'apps', 'worker');
      mkdirSync(app, { recursive: true });
      expect(projectRoot(app)).toBe(checkout);
      expect(parseDatabaseUrl(undefined, projectRoot(app))).toMatchObject({
        path: join(checkout, 'data', 'newsfeed.db'),
      });
      // Outside a checkout: the folder itself.
      const elsewhere = mkdtempSync(join(tmpdir(), 'newsfeed-elsewhere-'));
      expect(projectRoot(elsewhere)).toBe(elsewhere);
      rmSync(elsewhere, { recursive: true });
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });

  it('describes the open database without its password', () => {
    expect(describeDatabase(parseDatabaseUrl('file:/var/lib/nf.db'))).toBe('SQLite /var/lib/nf.db');
    const described = describeDatabase(parseDatabaseUrl('postgres://nf:hunter2@db.internal:5432/newsfeed'));
    expect(described).toBe('PostgreSQL postgres://nf:***@db.internal:5432/newsfeed');
  });
});
