import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SEARCH_WINDOW } from '../src/search/engine.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// nf_newest_matches (migration 042) reads a query's newest matches from id ranges of the word index,
// then of the primary key, then from all older ids; whichever of them a query reaches, it finds the
// same newest matches. Its limits are arguments, so a small table can reach every one.

const postgres = ENGINES.find((engine) => engine.engine === 'postgres')!;

describe.skipIf(Boolean(postgres.skipReason))('nf_newest_matches on postgres', () => {
  const t = useTestDb(postgres);

  it('finds the newest matches through word-index ranges, key ranges or all older ids alike', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    // Dense among the oldest, rare among the newest: the first range, sized by the average share,
    // holds too few, and the window comes from the ranges after it.
    const items = Array.from({ length: 1200 }, (_, index) => {
      const matches = index < 800 ? index % 2 === 0 : index % 25 === 0;
      return sampleItem(`k${index}`, { contentText: matches ? 'Harbour strike.' : 'Calm.' });
    });
    for (let start = 0; start < items.length; start += 300) {
      await t.db.items.ingest(feed.id, items.slice(start, start + 300));
    }
    await t.db.maintenance.optimize();
    const { kysely } = t.db.context;
    const query = sql`to_tsquery('simple', 'harbour & strike')`;
    const { rows: expected } = await sql<{ id: string }>`SELECT id FROM items
      WHERE search_vector @@ ${query} ORDER BY id DESC LIMIT ${SEARCH_WINDOW}`.execute(kysely);
    // [widest word-index range, key-range ids per expected match]: word index, key ranges, all ids.
    for (const [widest, idsPerMatch] of [
      [100_000, 0],
      [10, 1_000],
      [10, 0],
    ]) {
      const { rows } = await sql<{ id: string }>`SELECT id FROM nf_newest_matches(${query}, ${query},
        NULL, ${SEARCH_WINDOW}, 1, 2, ${widest}, ${idsPerMatch}) ORDER BY id DESC`.execute(kysely);
      expect(rows.map((row) => Number(row.id))).toEqual(expected.map((row) => Number(row.id)));
    }
  });
});
