import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { ENGINES, openTestDb, sampleItem, searchKeys, useTestDb } from './helpers/test-db.js';

// Phrases match their words in order and adjacent, on both engines. PostgreSQL finds them through
// its word-pair index (migration 007), which only narrows the items down: each is still checked
// against the whole query, so what matches is exactly what the word index alone would have found.

const TEXTS: Record<string, string> = {
  adjacent: 'Peace talks in Geneva resumed on Monday.',
  apart: 'Peace talks in Oslo and, in Geneva, a summit.',
  // Every adjacent pair of "talks in geneva" is here, but not in one run.
  pairsApart: 'The talks in Oslo ended; in Geneva they start.',
  prefix: 'The central banker spoke.',
};

describe.each(ENGINES)('phrase search on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  async function seed(): Promise<void> {
    const feed = await t.db.feeds.add({ url: 'https://phrases.example/rss' });
    await t.db.items.ingest(
      feed.id,
      Object.entries(TEXTS).map(([key, text]) =>
        sampleItem(key, { title: `Report ${key}`, contentText: text }),
      ),
    );
  }

  it.skipIf(Boolean(testEngine.skipReason))('matches words only in order and adjacent', async () => {
    await seed();
    expect(await searchKeys(t.db, '"talks in geneva"')).toEqual(['adjacent']);
    expect(await searchKeys(t.db, 'talks geneva')).toEqual(['adjacent', 'apart', 'pairsApart']);
    expect(await searchKeys(t.db, '"in geneva" peace')).toEqual(['adjacent', 'apart']);
    // A prefix phrase: the star after the closing quote marks its last word.
    expect(await searchKeys(t.db, '"central bank"*')).toEqual(['prefix']);
    expect(await searchKeys(t.db, '"the central bank"*')).toEqual(['prefix']);
    expect(await searchKeys(t.db, '"geneva talks"')).toEqual([]);
  });
});

const postgres = ENGINES.find((engine) => engine.engine === 'postgres')!;

describe('phrase search on postgres', () => {
  it.skipIf(Boolean(postgres.skipReason))(
    'reads the word-pair index, not the word index, when the words are common and the phrase rare',
    async () => {
      // One connection: the search's index statistics are flushed by the connection that made them.
      const { db, dispose } = await openTestDb('postgres', { poolSize: 1 });
      try {
        const feed = await db.feeds.add({ url: 'https://common-words.example/rss' });
        for (let batch = 0; batch < 6; batch += 1) {
          await db.items.ingest(
            feed.id,
            Array.from({ length: 500 }, (_, index) => {
              const key = `k${batch * 500 + index}`;
              const text =
                index % 100 === 0 ? 'Peace talks in Geneva resumed.' : 'Talks resumed; Geneva in spring.';
              return sampleItem(key, { title: `Report ${key}`, contentText: text });
            }),
          );
        }
        await db.maintenance.optimize();
        const before = await indexScans(db);
        expect(await searchKeys(db, '"talks in geneva"')).toHaveLength(30);
        const after = await indexScans(db);
        expect(after.pairs).toBeGreaterThan(before.pairs);
        expect(after.words).toBe(before.words);
      } finally {
        await dispose();
      }
    },
    60_000,
  );
});

/** How often this schema's word index and word-pair index were read, as of now. */
async function indexScans(db: NewsfeedDb): Promise<{ words: number; pairs: number }> {
  // This connection's pending statistics go out with its next transaction (this one).
  await sql`SELECT pg_stat_force_next_flush()`.execute(db.context.kysely);
  const { rows } = await sql<{ indexrelname: string; idx_scan: string }>`SELECT indexrelname, idx_scan
    FROM pg_stat_user_indexes WHERE schemaname = current_schema()
      AND indexrelname IN ('items_search', 'items_search_pairs')`.execute(db.context.kysely);
  const scans = (name: string) => Number(rows.find((row) => row.indexrelname === name)?.idx_scan ?? 0);
  return { words: scans('items_search'), pairs: scans('items_search_pairs') };
}
