import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../src/create-db.js';
import { DbInputError } from '../src/errors.js';
import { ENGINES, useTestDb } from './helpers/test-db.js';

describe.each(ENGINES)('maintenance on $engine', (testEngine) => {
  const t = useTestDb(testEngine);
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refreshes the planner statistics and reports a size on disk', async () => {
    await t.db.subscriptions.subscribe({ url: 'https://a.example/feed' });
    await t.db.maintenance.optimize();
    expect(await t.db.maintenance.sizeBytes()).toBeGreaterThan(0);
  });

  it('backs up SQLite to a new file that opens with the same rows; PostgreSQL refuses (pg_dump)', async () => {
    const feed = await t.db.subscriptions.subscribe({ url: 'https://a.example/feed', title: 'A' });
    const dir = mkdtempSync(join(tmpdir(), 'nf-db-backup-'));
    dirs.push(dir);
    const target = join(dir, 'copy.db');
    if (testEngine.engine === 'postgres') {
      await expect(t.db.maintenance.backupTo(target)).rejects.toBeInstanceOf(DbInputError);
      expect(existsSync(target)).toBe(false);
      return;
    }
    await t.db.maintenance.backupTo(target);
    await expect(t.db.maintenance.backupTo(target)).rejects.toBeInstanceOf(DbInputError);
    const copy = await createDb(`file:${target}`, { migrate: false });
    try {
      expect(await copy.feeds.getByUrl('https://a.example/feed')).toEqual(feed.feed);
    } finally {
      await copy.close();
    }
  });
});
