import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SEARCH_WINDOW } from '../src/search/engine.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// nf_newest_matches (migration 041) reads a query's newest matches from id ranges of the word index,
// then from all older ids, and ranks them by a query of their own; whichever way a query reaches
// them, it finds the same newest matches. Its limits are arguments, so a small table can reach both.

const postgres = ENGINES.find((engine) => engine.engine === 'postgres')!;

describe.skipIf(Boolean(postgres.skipReason))('nf_newest_matches on postgres', () => {
  const t = useTestDb(postgres);

  it('finds the newest matches through word-index ranges or all older ids alike, ranked by its own query', async () => {
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
    const ranking = sql`to_tsquery('simple', 'strike')`;
    const { rows: expected } = await sql<{ id: string; rank: number }>`SELECT id,
        ts_rank(search_vector, ${ranking}) AS rank FROM items
      WHERE search_vector @@ ${query} ORDER BY id DESC LIMIT ${SEARCH_WINDOW}`.execute(kysely);
    // The widest word-index range: every range from the index, or all ids at once.
    for (const widest of [100_000, 10]) {
      const { rows } = await sql<{ id: string; rank: number }>`SELECT id, rank FROM nf_newest_matches(
        ${query}, ${ranking}, NULL, ${SEARCH_WINDOW}, 1, 2, ${widest}) ORDER BY id DESC`.execute(kysely);
      expect(rows.map((row) => [Number(row.id), row.rank])).toEqual(
        expected.map((row) => [Number(row.id), row.rank]),
      );
    }
  });
});
