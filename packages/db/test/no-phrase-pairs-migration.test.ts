import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../src/create-db.js';
import { applyHistory, RELEASES } from './helpers/earlier-schema.js';
import { ENGINES, freshDatabase, sampleItem, searchKeys, type TestDatabase } from './helpers/test-db.js';

// The upgrade from 0.2.0 takes the word-pair index (and its function) off a PostgreSQL database;
// its phrases are still found.

const postgres = ENGINES.find((testEngine) => testEngine.engine === 'postgres')!;

describe.skipIf(Boolean(postgres.skipReason))('the word-pair index after 0.2.0, on postgres', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase('postgres');
  });
  afterEach(async () => database?.dispose());

  it('drops the word-pair index of a 0.2.0 database, and phrases are still found', async () => {
    const db = await createDb(database.url, { migrate: false });
    try {
      const { kysely } = db.context;
      await applyHistory(kysely, 'postgres', RELEASES['0.2.0']);
      const indexes = async () =>
        (
          await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes
            WHERE tablename = 'items' AND indexname LIKE 'items_search%' ORDER BY indexname`.execute(kysely)
        ).rows.map((row) => row.indexname);
      expect(await indexes()).toEqual(['items_search', 'items_search_pairs']);
      const feed = await db.feeds.add({ url: 'https://pairs.example/rss' });
      await db.items.ingest(feed.id, [
        sampleItem('adjacent', { contentText: 'Storm hits court in the capital.' }),
        sampleItem('apart', { contentText: 'The court met after the storm.' }),
      ]);

      expect((await db.migrate()).applied[0]).toBe(40);
      expect(await indexes()).toEqual(['items_search']);
      const { rows } = await sql<{ functions: number }>`SELECT count(*)::int AS functions FROM pg_proc
        WHERE proname = 'nf_word_pairs'`.execute(kysely);
      expect(rows[0]?.functions).toBe(0);
      expect(await searchKeys(db, '"storm hits court"')).toEqual(['adjacent']);
      expect(await searchKeys(db, 'court storm')).toEqual(['adjacent', 'apart']);
    } finally {
      await db.close();
    }
  });
});
