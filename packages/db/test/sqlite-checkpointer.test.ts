import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type NewsfeedDb } from '../src/create-db.js';
import { freshDatabase, sampleItem, type TestDatabase } from './helpers/test-db.js';

// SQLite: the write-ahead log is copied into the database file by a background thread shortly after
// commits (checkpointIntervalMs), not inside a later commit. Without the thread, a log this small
// (far below wal_autocheckpoint) is never copied while the connection is open.

describe('SQLite background checkpoints', () => {
  let target: TestDatabase | undefined;
  let db: NewsfeedDb | undefined;
  afterEach(async () => {
    await db?.close();
    await target?.dispose();
  });

  /** Writes 200 items, waits, and returns how much the database file (not its log) grew. */
  async function fileGrowth(checkpointIntervalMs: number): Promise<number> {
    target = await freshDatabase('sqlite');
    db = await createDb(target.url, { checkpointIntervalMs });
    const file = fileURLToPath(new URL(target.url.replace(/^file:/, 'file://')));
    const feed = await db.feeds.add({ url: 'https://a.example/rss' });
    // Everything so far (the schema, the feed) copied into the file by the connection itself.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db.context.kysely);
    const before = statSync(file).size;
    const items = Array.from({ length: 200 }, (_, index) =>
      sampleItem(`k${index}`, { contentText: `Paragraph ${index} `.repeat(100) }),
    );
    await db.items.ingest(feed.id, items);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return statSync(file).size - before;
  }

  it('copies the log into the database file shortly after a commit', async () => {
    expect(await fileGrowth(20)).toBeGreaterThan(100_000);
  });

  it('leaves it in the log without the thread (the control)', async () => {
    expect(await fileGrowth(0)).toBe(0);
  });
});
