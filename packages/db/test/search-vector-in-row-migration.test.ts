import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../src/create-db.js';
import { migrateThrough } from './helpers/earlier-schema.js';
import { ENGINES, freshDatabase, sampleItem, searchKeys, type TestDatabase } from './helpers/test-db.js';

// Migration 041 keeps each item's tsvector in its row on PostgreSQL: the rows a database made by an
// earlier version stored out of line move in, new rows keep theirs, and phrases are still found.

const postgres = ENGINES.find((testEngine) => testEngine.engine === 'postgres')!;

describe.skipIf(Boolean(postgres.skipReason))('migration 041 on postgres', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase('postgres');
  });
  afterEach(async () => database?.dispose());

  it('moves the stored tsvectors into their rows, and phrases are still found', async () => {
    const db = await createDb(database.url, { migrate: false });
    try {
      const { kysely } = db.context;
      await migrateThrough(kysely, 'postgres', 40);
      const feed = await db.feeds.add({ url: 'https://long.example/rss' });
      // 300 distinct words: a tsvector of ~4 kB, which TOAST keeps out of line by default.
      const words = Array.from({ length: 300 }, (_, index) => `w${(index * 7919).toString(36)}x`);
      await db.items.ingest(
        feed.id,
        Array.from({ length: 20 }, (_, index) =>
          sampleItem(`long-${index}`, { contentText: `${words.join(' ')} storm hits court ${index}` }),
        ),
      );
      /** How search_vector is stored, and the TOAST blocks that reading every item's fetches. */
      const storage = () =>
        kysely.transaction().execute(async (trx) => {
          // This connection's block counts of the TOAST table, read around the query.
          const toastBlocks = async () =>
            Number(
              (
                await sql<{ blocks: string }>`SELECT pg_stat_get_xact_blocks_fetched(reltoastrelid) AS blocks
                  FROM pg_class WHERE oid = 'items'::regclass`.execute(trx)
              ).rows[0]!.blocks,
            );
          const start = await toastBlocks();
          await sql`SELECT sum(length(search_vector)) FROM items`.execute(trx);
          const { rows } = await sql<{ storage: string }>`SELECT attstorage AS storage FROM pg_attribute
            WHERE attrelid = 'items'::regclass AND attname = 'search_vector'`.execute(trx);
          return { storage: rows[0]!.storage, toastBlocks: (await toastBlocks()) - start };
        });
      const before = await storage();
      expect(before.storage).toBe('x');
      expect(before.toastBlocks).toBeGreaterThan(0);

      expect((await db.migrate()).applied).toContain(41);
      expect(await storage()).toEqual({ storage: 'm', toastBlocks: 0 });
      // And so do new ones.
      await db.items.ingest(feed.id, [sampleItem('new', { contentText: `${words.join(' ')} new` })]);
      expect(await storage()).toEqual({ storage: 'm', toastBlocks: 0 });
      expect(await searchKeys(db, '"storm hits court 7"')).toEqual(['long-7']);
    } finally {
      await db.close();
    }
  });
});
